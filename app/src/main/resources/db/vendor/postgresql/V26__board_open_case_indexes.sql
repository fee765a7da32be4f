-- The overdue board reads the open cases only (20,000 of a large district's million, a few thousand in warning or overdue
-- at a time): partial indexes over them alone, small and cheap to keep as cases close, holding what the board reads so
-- that it need not visit the table's pages. PostgreSQL only (H2 has no partial indexes; the embedded default is small).
-- the counts at the top and the map's, per grid
create index gl_case_open_grid_idx on gl_case (grid_code) include (id, warning, overdue) where closed_at is null;
-- the cases in warning or overdue, by due date as the board lists them
create index gl_case_open_board_idx on gl_case (due_at, id)
  include (case_number, street_code, grid_code, department_code, category_code, current_step, overdue)
  where closed_at is null and (warning or overdue);
-- the supervision orders (督办) of a case, as the board joins them: the open ones for the counts, all for the level reached
create index gl_supervision_open_case_idx on gl_supervision_order (case_id) where kind = 'SUPERVISION' and closed_at is null;
create index gl_supervision_case_level_idx on gl_supervision_order (case_id, opened_at, id) include (level, closed_at)
  where kind = 'SUPERVISION';
