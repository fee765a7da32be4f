package io.gridloop.grid;

/** 职能部门: a department that handles cases; its handlers share one candidate group. */
public record Department(String code, String name, String nameEn, String groupId) {}
