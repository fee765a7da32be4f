-- how the task's time left counts: WORKING (working time) or CALENDAR (24x7, urgent cases)
alter table gl_inbox_task add column limit_clock varchar(10) not null default 'WORKING';
