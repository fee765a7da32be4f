package io.gridloop.security;

/** The role groups (Camunda group ids, Keycloak groups in production) and the roles Spring Security derives from them. */
public final class Roles {

    private Roles() {}

    public static final String GRID_WORKER = "grid-worker";
    public static final String INTAKE = "intake";
    public static final String DISPATCHER = "dispatcher";
    public static final String SUPERVISOR = "supervisor";
    public static final String MANAGER = "manager";
    public static final String PROCESS_OWNER = "process-owner";
    public static final String ADMIN = "camunda-admin";
    /** Not a group: every member of a department's group ({@code Department.groupId}) is a handler. */
    public static final String HANDLER = "handler";

    /** A street's supervisors ({@code supervisor-S01}): the street level of supervision orders. */
    public static final String STREET_SUPERVISOR_PREFIX = "supervisor-";
    /** Membership of {@code street-S01} makes an intake operator or dispatcher a street's, not the district's. */
    public static final String STREET_GROUP_PREFIX = "street-";
}
