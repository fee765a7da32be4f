package io.gridloop.grid;

/**
 * 网格 (grid): the smallest cell of the district, patrolled by its grid worker. Named GridCell, not Grid, because
 * Vaadin's Grid sits beside it in the views.
 */
public record GridCell(String code, String communityCode, String streetCode, String name, String nameEn) {}
