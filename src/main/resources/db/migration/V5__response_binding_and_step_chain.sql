-- Which department-response process instance works for which recipient. Bound once, when the
-- instance starts; from then on every task of that instance finds its notice and department
-- here, never in a process variable that a user could set on completion.
alter table notice_recipient add column process_instance_id varchar(64);
create unique index notice_recipient_process on notice_recipient (process_instance_id);

-- Every step is sealed: SHA-256 over its content and the previous step's seal in the same chain
-- (one chain per recipient, one for the notice itself), so that a row changed, inserted or
-- deleted behind the application's back shows when the chain is checked.
alter table notice_step add column previous_hash varchar(64);
alter table notice_step add column content_hash varchar(64);
