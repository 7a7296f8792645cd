-- Documents the system writes about a notice (the consolidated report, each version of it).
-- Like evidence, the bytes live in the content store and only the metadata here.
create table notice_document (
    id              varchar(36)    primary key,
    notice_id       varchar(36)    not null references notice (id),
    kind            varchar(20)    not null,
    version         integer        not null,
    file_name       varchar(255)   not null,
    size_bytes      bigint         not null,
    sha256          varchar(64)    not null,
    created_by      varchar(64),
    created_at      timestamp with time zone not null,
    constraint notice_document_version unique (notice_id, kind, version)
);
