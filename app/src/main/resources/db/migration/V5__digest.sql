-- one task digest per period across all nodes: the node that inserts the period's row sends it
create table gl_digest_run (
    period_start timestamp with time zone primary key,
    ran_at       timestamp with time zone not null
);
