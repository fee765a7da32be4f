-- A joint case's co-departments (协办) as rows, not a comma-separated column: a department's cases are found by an index,
-- and a code is never matched inside another.
create table gl_case_co_department (
    case_id         bigint not null references gl_case (id),
    department_code varchar(40) not null,
    primary key (case_id, department_code)
);
create index gl_case_co_department_dept_idx on gl_case_co_department (department_code, case_id);

-- the codes of the old column, matched whole against every department the reference data ever stored (GridLoop stores
-- each department of config/departments.json at start and never deletes one, and dispatch names only those)
insert into gl_case_co_department (case_id, department_code)
select c.id, d.code from gl_case c join gl_department d on (',' || replace(c.co_departments, ' ', '') || ',') like ('%,' || d.code || ',%')
where c.co_departments is not null and c.co_departments <> '';

alter table gl_case drop column co_departments;
