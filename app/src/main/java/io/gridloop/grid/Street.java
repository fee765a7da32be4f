package io.gridloop.grid;

/** 街道: a street (sub-district) with its own command sub-centre. */
public record Street(String code, String name, String nameEn) {}
