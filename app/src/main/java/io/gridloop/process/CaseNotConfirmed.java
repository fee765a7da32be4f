package io.gridloop.process;

/** 核实不属实: the report ended unconfirmed, with the grid worker's reason. Published inside the engine's transaction. */
public record CaseNotConfirmed(long caseId, String reason) {}
