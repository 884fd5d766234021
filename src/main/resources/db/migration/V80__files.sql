-- Uploaded files: metadata here, bytes in the blob store under files/<id>. The content type
-- is the one sniffed from the bytes, never the one the client declared.

create table files (
    id           uuid        not null primary key,
    owner_id     uuid        not null,
    name         text        not null check (length(name) between 1 and 255),
    size         bigint      not null check (size > 0),
    content_type text        not null,
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz not null
);

create index files_by_owner_idx on files (owner_id, created_at desc);
