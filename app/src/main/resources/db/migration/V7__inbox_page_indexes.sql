-- the inbox page's whole order (due date, then arrival, then id) in the index, so a page reads 50 index entries
-- instead of sorting a group's every task
drop index if exists gl_inbox_group_idx;
drop index if exists gl_inbox_assignee_idx;
create index gl_inbox_group_page_idx on gl_inbox_task (candidate_group, due_at, created_at, task_id);
create index gl_inbox_assignee_page_idx on gl_inbox_task (assignee, due_at, created_at, task_id);
