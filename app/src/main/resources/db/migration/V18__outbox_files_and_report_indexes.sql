-- Files sent with outbox messages (the monthly evaluation report's workbook): stored once under a key and attached to every
-- recipient's mail. The key is also what makes the monthly report queue once: a second node inserting the same month's
-- file fails on the primary key and queues nothing.
create table gl_outbox_file (
    file_key     varchar(100) primary key,
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    content      bytea not null,
    created_at   timestamp with time zone not null
);
alter table gl_outbox add column file_key varchar(100);

-- the honest figures read reports by when and what they were: re-reports of a subcategory after a self-resolved case,
-- blind spots and high-frequency problems of a period
create index gl_case_reported_idx on gl_case (reported_at);
create index gl_case_subcategory_idx on gl_case (subcategory_code, reported_at);
