-- The knowledge index's source of truth (docs/knowledge.md). Chunks with their embeddings
-- and access scope live here, written once per change by whichever instance handled the
-- event; each instance's Lucene index follows the change log by its sequence, so every
-- instance converges, and a lost index is rebuilt from these tables.

create table knowledge_chunks (
    source_type    text        not null,
    source_id      uuid        not null,
    chunk_no       int         not null,
    parent_id      uuid,
    scope          text        not null,
    kind           text,
    title          text        not null,
    text           text        not null,
    embedding      real[]      not null,
    source_version bigint      not null,
    updated_at     timestamptz not null,
    primary key (source_type, source_id, chunk_no)
);

create index knowledge_chunks_by_parent_idx on knowledge_chunks (parent_id) where parent_id is not null;
create index knowledge_chunks_by_scope_idx on knowledge_chunks (scope);

-- One row per change of a source (written under a transaction-scoped advisory lock, so
-- sequence order is commit order and a follower never skips a row that commits late).
create table knowledge_log (
    seq         bigserial   primary key,
    source_type text        not null,
    source_id   uuid        not null,
    logged_at   timestamptz not null
);
