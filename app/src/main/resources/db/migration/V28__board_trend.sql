-- The board's trend at the end of each past day it shows (issue 10, "fast at a real district's size"; BoardTrendSnapshots
-- writes it with each catch-up of the evaluation's summaries, under their lease). Per day and unit: the cases open at the
-- day's end, those with a step past its due date, those under an open supervision order. unit_kind DISTRICT (one row a
-- day, also when all is 0: the day is in the snapshot), STREET (the case's street), DEPARTMENT (the department leads or
-- co-handles the case: what its handlers see).
create table gl_board_trend (
    unit_kind        varchar(20) not null,
    unit_code        varchar(100) not null,
    on_day           date not null,
    open_cases       int not null,
    overdue_cases    int not null,
    supervised_cases int not null,
    primary key (unit_kind, unit_code, on_day)
);

-- one row: the ids written before the snapshot was counted (anything written since with an earlier time makes the days
-- from then live again until counted anew)
create table gl_board_trend_state (
    id           int primary key,
    counted_at   timestamp with time zone,
    max_case_id  bigint not null default 0,
    max_fact_id  bigint not null default 0,
    max_order_id bigint not null default 0
);
insert into gl_board_trend_state (id) values (1);

-- the part of an official's trend the snapshot's rows do not hold is the cases they reported elsewhere: read by reporter
create index gl_case_reported_by_idx on gl_case (reported_by, closed_at);
