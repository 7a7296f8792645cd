-- The fan-out's own row per notice (#15). Publishing starts every recipient's department-response
-- as a top-level process instance, in batches; the lifecycle waits until the last one is accepted,
-- has declined or stays unanswered. Whoever decides "all finished" decides it under this row's lock
-- (SELECT ... FOR UPDATE), on every node, and marks it once: the lifecycle goes on exactly once.
-- A row of its own, not the notice's: on PostgreSQL every insert that references notice(id) holds
-- a key-share lock on the notice row, which FOR UPDATE would wait for (and two finishing
-- departments would deadlock); nothing references this table.
create table notice_fan_out (
    notice_id              varchar(36) primary key references notice (id),
    published_at           timestamp with time zone not null,
    responses_finished_at  timestamp with time zone
);

-- The next batch to start: recipients whose response is not started (not bound) yet.
create index notice_recipient_unstarted on notice_recipient (notice_id, process_instance_id);
-- "Is any recipient of this notice still unfinished?" on every response's end.
create index notice_recipient_notice_stage on notice_recipient (notice_id, stage);
