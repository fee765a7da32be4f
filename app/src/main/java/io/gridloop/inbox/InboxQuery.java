package io.gridloop.inbox;

/** What an inbox page shows: whose tasks, which filters, which order, which slice. */
public record InboxQuery(Scope scope, String taskKey, String gridCode, String subcategoryCode, String urgency,
                         InboxTask.TimeState timeState, Sort sort, int offset, int limit) {

    public enum Scope {
        /** assigned to me */
        MINE,
        /** unclaimed tasks of my groups */
        GROUP,
        /** both */
        ALL
    }

    public enum Sort {
        DUE,
        CREATED,
        CASE_NUMBER
    }

    public static InboxQuery firstPage(Scope scope) {
        return new InboxQuery(scope, null, null, null, null, null, Sort.DUE, 0, 50);
    }

    public InboxQuery page(int offset, int limit) {
        return new InboxQuery(scope, taskKey, gridCode, subcategoryCode, urgency, timeState, sort, offset, limit);
    }
}
