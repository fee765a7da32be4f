-- the board's trend reads the steps that ran in its last 30 days (finished since then, or still open), not every step
-- ever taken: an index on when a step finished lets it read those alone (benchmark: 5 million facts)
create index gl_step_fact_finished_idx on gl_step_fact (finished_at);
