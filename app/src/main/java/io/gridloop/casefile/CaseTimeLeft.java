package io.gridloop.casefile;

import java.util.function.BiFunction;

/**
 * The time left until a case's due date, in words and counted as its limit counts (working or calendar time). The inbox
 * module answers it with the inbox's own wording, so the case page and the inbox never disagree.
 */
public interface CaseTimeLeft {

    String describe(CaseRecord c, BiFunction<String, Object[], String> tr);
}
