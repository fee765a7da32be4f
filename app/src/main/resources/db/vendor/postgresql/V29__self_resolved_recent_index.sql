-- The self-resolved cases a report may re-report (EvaluationRollup.reReported: registered, reported in the last 30 days),
-- read by every evaluation ending now for the minutes since the roll-up's instant and by each day's roll-up. PostgreSQL
-- took them from gl_case_reported_idx, every case of those 30 days (52,000 at a million cases, 26 ms), rather than from
-- gl_case_self_resolved_idx; a partial index holds them alone (2,500 rows, 5 ms; EXPLAIN ANALYZE in docs/benchmarks.md).
create index gl_case_self_resolved_recent_idx on gl_case (reported_at) where self_resolved and registered_at is not null;
