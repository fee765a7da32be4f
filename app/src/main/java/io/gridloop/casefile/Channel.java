package io.gridloop.casefile;

/** Where a report came from: a grid worker's patrol, a citizen's photo report (随手拍) or the hotline (热线). */
public enum Channel {
    GRID_WORKER,
    CITIZEN,
    HOTLINE
}
