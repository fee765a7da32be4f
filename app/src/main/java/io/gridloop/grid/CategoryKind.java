package io.gridloop.grid;

/** 部件 (a city asset) or 事件 (an event). */
public enum CategoryKind {
    COMPONENT,
    EVENT
}
