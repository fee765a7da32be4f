-- the handling step's own deadline, kept while approvals run, so that extension and hold can move or stop it
alter table gl_case add column handling_due_at timestamp with time zone;
