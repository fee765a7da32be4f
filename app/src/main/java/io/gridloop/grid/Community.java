package io.gridloop.grid;

/** 社区: a community inside a street. */
public record Community(String code, String streetCode, String name, String nameEn) {}
