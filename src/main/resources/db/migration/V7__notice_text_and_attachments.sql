-- The notice as an official document: its full text lives here, not in process variables, with
-- no practical length limit (text: PostgreSQL's unlimited type; H2 takes it as a long varchar).
-- A draft is recorded from its first save, so the fields a finished notice needs may be empty
-- until the drafter sends it to sign-off (the validator insists then).
alter table notice alter column body set data type text;
alter table notice alter column consolidated_summary set data type text;
alter table notice alter column body drop not null;
alter table notice alter column title drop not null;
alter table notice alter column issuer drop not null;
alter table notice alter column issued_on drop not null;
alter table notice alter column deadline drop not null;
alter table notice alter column acknowledge_by drop not null;
-- 主送: the recipients' ids, in the order chosen, comma-separated (notice_recipient rows are
-- written only when the notice is published).
alter table notice add column recipient_ids text;
-- The draft as the drafter typed it (JSON of the form's fields, checked or not), saved as they go
-- so that nothing typed is lost; the columns above get the checked values when it is sent on.
alter table notice add column draft text;
-- The office head's comment when a draft is returned, shown to the drafter until sent again.
alter table notice add column return_comment varchar(2000);

-- Files the office attaches to a notice (the signed document as PDF or OFD, annexes, forms to
-- fill in). Like evidence, the bytes live in the content store and only the metadata here.
create table notice_attachment (
    id              varchar(36)    primary key,
    notice_id       varchar(36)    not null references notice (id),
    original_name   varchar(255)   not null,
    content_type    varchar(150)   not null,
    size_bytes      bigint         not null,
    sha256          varchar(64)    not null,
    uploaded_by     varchar(64)    not null,
    uploaded_at     timestamp with time zone not null,
    deleted_at      timestamp with time zone,
    deleted_by      varchar(64)
);

create index notice_attachment_notice on notice_attachment (notice_id);
