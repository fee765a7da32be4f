package io.gridloop.grid;

/** 网格: the smallest cell of the district, patrolled by its grid worker. */
public record Grid(String code, String communityCode, String streetCode, String name, String nameEn) {}
