-- Spring Modulith's JDBC event publication registry (schema v2 of Modulith 2.1). A domain
-- event is stored here in the transaction that publishes it, so it exists if and only if
-- that transaction committed; listeners mark it completed, and incomplete ones are retried.

create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
