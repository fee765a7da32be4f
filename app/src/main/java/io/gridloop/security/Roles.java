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
    /** Not a group: every member of a department group ({@code dept-…}) is a handler. */
    public static final String HANDLER = "handler";

    public static final String DEPARTMENT_GROUP_PREFIX = "dept-";
}
