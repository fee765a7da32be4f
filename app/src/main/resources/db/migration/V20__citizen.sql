-- Citizens' own pages (随手拍): a secret that signs human-check answers and rating links (the same on every node and
-- across restarts), the human checks already answered (a replayed answer is refused on any node), and the citizen's
-- one rating of a case.
create table gl_secret (
    name        varchar(50) primary key,
    secret      varchar(200) not null
);

create table gl_human_check_used (
    id          varchar(64) primary key,
    expires_at  timestamp with time zone not null
);

create table gl_citizen_rating (
    case_id       bigint primary key references gl_case (id),
    satisfaction  varchar(30) not null,
    comment       varchar(2000),
    via           varchar(10) not null,
    rated_at      timestamp with time zone not null
);
