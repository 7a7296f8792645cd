-- Evidence metadata. The bytes live in the content store (a directory every node reaches),
-- never in the database; the process holds only evidence ids.
create table evidence (
    id              varchar(36)    primary key,
    notice_id       varchar(36)    not null references notice (id),
    department_id   varchar(64)    not null,
    original_name   varchar(255)   not null,
    content_type    varchar(200)   not null,
    kind            varchar(20)    not null,
    size_bytes      bigint         not null,
    sha256          varchar(64)    not null,
    uploaded_by     varchar(64)    not null,
    uploaded_at     timestamp with time zone not null,
    state           varchar(20)    not null,
    deleted_by      varchar(64),
    deleted_at      timestamp with time zone
);

create index evidence_notice on evidence (notice_id, department_id, state);
