-- Today rolled up too (issue 10, "fast at a real district's size"; EvaluationRollup, EvaluationService): every few
-- minutes the roll-up counts today's events before an instant (rolled_as_of) into today's day rows, and re-rolls the
-- earlier days of the cases touched since the last roll-up. The evaluation adds the summaries and, read live, the cases
-- touched since that instant: each counted as it is now, less what the summaries counted for it. The summaries counted
-- it as the roll-up read it, so the roll-up keeps what can still change on an open case and moves its earlier counts:
-- its lead department, and the due dates of its open steps (an extension or a hold moves them).
alter table gl_eval_rollup_state add column rolled_as_of timestamp with time zone;

create table gl_eval_open_case (
    case_id          bigint primary key,
    department_code  varchar(100)
);

create table gl_eval_open_due (
    fact_id  bigint primary key,
    due_at   timestamp with time zone
);

-- overdue and still to be handled at rolled_as_of, per unit (as gl_eval_pending at a day's end): an evaluation ending
-- now takes it and counts again only the cases touched since
create table gl_eval_pending_as_of (
    unit_kind  varchar(20) not null,
    unit_code  varchar(100) not null,
    cases      int not null,
    primary key (unit_kind, unit_code)
);
