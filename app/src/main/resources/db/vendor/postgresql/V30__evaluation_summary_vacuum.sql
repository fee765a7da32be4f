-- The roll-up of today (every few minutes) deletes and writes again today's day rows and the current month's rows of
-- every unit: about 13,000 dead rows a run at a million cases, some 3.7 million a day. At PostgreSQL's default (a
-- vacuum once a fifth of the table is dead, 570,000 rows here) the month's index entries pile up between vacuums and
-- every evaluation ending today reads past them. A vacuum after a few roll-ups instead: it scans only the pages written
-- since (the visibility map), so it stays cheap. The small tables each roll-up refills keep the default.
alter table gl_eval_summary set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 50000,
  autovacuum_analyze_scale_factor = 0.02);
