-- Mail is an outbox (#14). The deadline watch writes a message and goes on; a dispatcher on any
-- node claims due messages, renders them when sending (so they say what is true on arrival) and
-- retries with back-off. Nothing about delivery lives in a process job any more.
--   model_json       the values the message was queued with (rendered afresh when sent)
--   next_attempt_at  when the message may be tried (again); back-off moves it on after a failure
--   claimed_by/until a dispatcher's claim: another node leaves the row alone until it lapses
--   skip_reason      why a message was not sent (its reason was gone by the time it could go)
alter table mail_log add column model_json varchar(20000);
alter table mail_log add column next_attempt_at timestamp with time zone;
alter table mail_log add column claimed_by varchar(100);
alter table mail_log add column claimed_until timestamp with time zone;
alter table mail_log add column skip_reason varchar(500);

update mail_log set next_attempt_at = created_at where state in ('PENDING', 'FAILED');

create index mail_log_due on mail_log (state, next_attempt_at);
