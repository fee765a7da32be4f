package io.gridloop.casefile;

import io.gridloop.system.UserFacingException;

/** No case with that id or number, or none the official may see: the two read alike, so a refusal leaks nothing. */
public class CaseNotFoundException extends UserFacingException {

    public CaseNotFoundException(String what) {
        super("case.notFound", what);
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
