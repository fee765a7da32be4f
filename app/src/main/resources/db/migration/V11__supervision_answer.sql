-- 督办 addressed to the group working the case, answered from its inbox; closed with the answer or when the step is done.
alter table gl_supervision_order add column cause varchar(20);
alter table gl_supervision_order add column issuer_group varchar(100);
alter table gl_supervision_order add column answer_due_at timestamp with time zone;
alter table gl_supervision_order add column process_instance_id varchar(64);
alter table gl_supervision_order add column closed_how varchar(20);
alter table gl_supervision_order add column answer varchar(2000);
alter table gl_supervision_order add column answered_by varchar(100);
alter table gl_supervision_order add column done_by date;

-- the case a message is about, so that 消息 shows its link only to an official whose scope sees the case
alter table gl_outbox add column case_number varchar(20);
