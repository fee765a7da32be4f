-- The case timeline and its photos are the audit trail of every decision: the app only ever inserts into them, and the
-- database refuses any change or removal, whoever asks (PostgreSQL only; the embedded H2 default is for trying out).
create function gl_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail (%) is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
end
$$;

create trigger gl_timeline_append_only before update or delete on gl_timeline
    for each row execute function gl_append_only();
create trigger gl_timeline_no_truncate before truncate on gl_timeline
    for each statement execute function gl_append_only();
create trigger gl_attachment_append_only before update or delete on gl_attachment
    for each row execute function gl_append_only();
create trigger gl_attachment_no_truncate before truncate on gl_attachment
    for each statement execute function gl_append_only();
