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
