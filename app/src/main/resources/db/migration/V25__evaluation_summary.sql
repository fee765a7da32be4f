-- The evaluation's summaries (issue 10, "fast at a real district's size"; EvaluationRollup writes them, EvaluationService
-- reads them). Every count of a case happens on one day and stays there (CaseFigures.countEvents), so a period's counts
-- are the sums of its days: one row per day (grain D) and per month (grain M, on_day its first day), unit kind and unit.
-- c_*: the counts of Indicator by key; weighted_reports with the difficulty table of gl_eval_rollup_state.weights_key;
-- hours_*: the handling times of the cases handled that day (working seconds: how many, sum, longest) and h00..h35
-- how many fell in each bucket of Tally.BUCKET_HOURS, for the mean (exact) and the p90 (to the bucket).
create table gl_eval_summary (
    grain                  char(1) not null,
    on_day                 date not null,
    unit_kind              varchar(20) not null,
    unit_code              varchar(100) not null,
    c_reports              int not null default 0,
    c_registered           int not null default 0,
    c_rejected             int not null default 0,
    c_notconfirmed         int not null default 0,
    c_merged               int not null default 0,
    c_selfresolved         int not null default 0,
    c_dispatched           int not null default 0,
    c_returned             int not null default 0,
    c_extended             int not null default 0,
    c_held                 int not null default 0,
    c_filed                int not null default 0,
    c_filedontime          int not null default 0,
    c_overduesteps         int not null default 0,
    c_reworked             int not null default 0,
    c_satisfied            int not null default 0,
    c_basicallysatisfied   int not null default 0,
    c_dissatisfied         int not null default 0,
    c_duetoclose           int not null default 0,
    c_handled              int not null default 0,
    c_handledontime        int not null default 0,
    c_registeredontime     int not null default 0,
    c_voided               int not null default 0,
    c_callbacks            int not null default 0,
    c_easyreports          int not null default 0,
    c_rereported           int not null default 0,
    weighted_reports       double precision not null default 0,
    hours_n                int not null default 0,
    hours_sum              bigint not null default 0,
    hours_max              bigint not null default 0,
    h00                   int not null default 0,
    h01                   int not null default 0,
    h02                   int not null default 0,
    h03                   int not null default 0,
    h04                   int not null default 0,
    h05                   int not null default 0,
    h06                   int not null default 0,
    h07                   int not null default 0,
    h08                   int not null default 0,
    h09                   int not null default 0,
    h10                   int not null default 0,
    h11                   int not null default 0,
    h12                   int not null default 0,
    h13                   int not null default 0,
    h14                   int not null default 0,
    h15                   int not null default 0,
    h16                   int not null default 0,
    h17                   int not null default 0,
    h18                   int not null default 0,
    h19                   int not null default 0,
    h20                   int not null default 0,
    h21                   int not null default 0,
    h22                   int not null default 0,
    h23                   int not null default 0,
    h24                   int not null default 0,
    h25                   int not null default 0,
    h26                   int not null default 0,
    h27                   int not null default 0,
    h28                   int not null default 0,
    h29                   int not null default 0,
    h30                   int not null default 0,
    h31                   int not null default 0,
    h32                   int not null default 0,
    h33                   int not null default 0,
    h34                   int not null default 0,
    h35                   int not null default 0,
    primary key (unit_kind, grain, on_day, unit_code)
);
-- the roll-up replaces a month's rows at a time
create index gl_eval_summary_day_idx on gl_eval_summary (grain, on_day);

-- overdue and still to be handled (超期待处置) at the end of a day, per unit: a state, not a sum (CaseFigures.countState)
create table gl_eval_pending (
    on_day     date not null,
    unit_kind  varchar(20) not null,
    unit_code  varchar(100) not null,
    cases      int not null,
    primary key (unit_kind, on_day, unit_code)
);
create index gl_eval_pending_day_idx on gl_eval_pending (on_day);

-- one row: every day before rolled_until is in the summaries, as of the case and fact ids below (anything written later
-- with an earlier time, e.g. a history loaded into the past, makes those days live again until rolled up anew); the lease
-- lets one node at a time roll up
create table gl_eval_rollup_state (
    id             int primary key,
    rolled_until   date,
    max_case_id    bigint not null default 0,
    max_fact_id    bigint not null default 0,
    weights_key    varchar(64),
    lease_until    timestamp with time zone,
    lease_owner    varchar(100)
);
insert into gl_eval_rollup_state (id) values (1);

-- the roll-up of a day reads the cases touched that day: by registration and by when a step started
create index gl_case_registered_idx on gl_case (registered_at);
create index gl_step_fact_started_idx on gl_step_fact (started_at);
-- the self-resolved cases whose place may be reported again (re-reported), by when they were reported
create index gl_case_self_resolved_idx on gl_case (self_resolved, reported_at);
