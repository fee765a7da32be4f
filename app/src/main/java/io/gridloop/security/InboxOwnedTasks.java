package io.gridloop.security;

/**
 * The engine tasks GridLoop's inbox owns (the case loop's): only the inbox may work them, so every completion checks
 * its form and lands on the case's timeline. The inbox says which they are; {@link EngineTaskGuard} enforces it.
 */
public interface InboxOwnedTasks {

    boolean owns(String processDefinitionId);
}
