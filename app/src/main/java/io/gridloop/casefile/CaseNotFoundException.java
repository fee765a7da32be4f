package io.gridloop.casefile;

/** No case with that id or number. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String what) {
        super("case not found: " + what);
    }
}
