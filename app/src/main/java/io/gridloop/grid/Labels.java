package io.gridloop.grid;

import java.util.Locale;

/** Picks the Chinese or English name of a piece of reference data: Chinese unless the user chose English. */
public final class Labels {

    private Labels() {}

    public static String pick(Locale locale, String zh, String en) {
        return locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : zh;
    }
}
