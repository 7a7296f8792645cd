-- What each recipient owes next and by when, stored on its row (#15 item 5, #17 item 3). The
-- rule lives in notice.WhatIsOwed; NoticeRepository writes these columns in the same transaction
-- as every change they depend on (a stage, a due date, the notice's dates, the notice closing).
-- The board, its counts and the metrics read them through an index instead of deriving the rule
-- in SQL and scanning every open recipient.
--   owed      ACKNOWLEDGEMENT or SUMMARY; null: nothing owed
--   owed_by   when it is owed by; with nothing owed, the date the row still shows
--   standing  0 owing, 1 settled (in review or accepted), 2 declined, 3 silent (an enterprise that
--             has not answered: 未回复, never overdue), 9 its notice is closed (off the board)
alter table notice_recipient add column owed varchar(20);
alter table notice_recipient add column owed_by timestamp with time zone;
alter table notice_recipient add column standing smallint;

-- The existing rows, by WhatIsOwed as of this version (ObligationBackfillTest holds the two
-- together for every stage, participation and notice state).
update notice_recipient set
    owed = case
        when stage = 'ACKNOWLEDGING' and participation <> 'VOLUNTARY' then 'ACKNOWLEDGEMENT'
        when stage in ('EXECUTING', 'RETURNED', 'AWAITING_SIGN_OFF') then 'SUMMARY'
    end,
    owed_by = case
        when stage = 'ACKNOWLEDGING'
            then (select n.acknowledge_by from notice n where n.id = notice_recipient.notice_id)
        else coalesce(due_at, (select n.deadline from notice n where n.id = notice_recipient.notice_id))
    end,
    standing = case
        when (select n.state from notice n where n.id = notice_recipient.notice_id) = 'CLOSED' then 9
        when stage = 'ACKNOWLEDGING' and participation = 'VOLUNTARY' then 3
        when stage in ('ACKNOWLEDGING', 'EXECUTING', 'RETURNED', 'AWAITING_SIGN_OFF') then 0
        when stage = 'DECLINED' then 2
        else 1
    end;

-- Closed notices get owed null too (nothing is owed on a closed notice).
update notice_recipient set owed = null where standing = 9;

alter table notice_recipient alter column standing set not null;

-- The board reads its page in this order (standing, owed_by, notice, department) and counts each
-- light as a range of it; the overdue rows are the range standing = 0 and owed_by < now.
create index notice_recipient_board on notice_recipient (standing, owed_by, notice_id, department_id);
-- A department's own board, and the enterprises counted apart (few rows each).
create index notice_recipient_department on notice_recipient (department_id, standing, owed_by);
create index notice_recipient_participation on notice_recipient (participation, standing);
