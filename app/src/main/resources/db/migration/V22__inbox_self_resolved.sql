-- the inbox says "当场处置" (resolved on the spot by the grid worker) on the row, before the intake operator opens it
alter table gl_inbox_task add column self_resolved boolean not null default false;
update gl_inbox_task set self_resolved = true
  where case_id in (select id from gl_case where self_resolved);
