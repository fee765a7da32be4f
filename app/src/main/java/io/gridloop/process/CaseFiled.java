package io.gridloop.process;

/**
 * 结案: the loop filed the case. Published inside the engine's transaction, so a listener's writes (the reporter's mail
 * in the outbox) commit or roll back with the filing.
 */
public record CaseFiled(long caseId) {}
