-- when a task was last given to a named official (claim or hand-over), so the digest tells them
alter table gl_inbox_task add column assigned_at timestamp with time zone;
