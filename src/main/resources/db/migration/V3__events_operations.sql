-- Operating the outbox: why a delivery failed, deliveries that failed every attempt (dead
-- letters), the inbox of idempotent consumers, and the audit log of admin changes.

alter table event_publication
    add column last_error         text,
    add column first_failure_date timestamptz,
    add column last_failure_date  timestamptz;

-- Redelivery and the staleness monitor look publications up by status; completed ones are
-- the vast majority and are never looked up this way.
create index event_publication_open_by_status_idx on event_publication (status, publication_date)
    where status <> 'COMPLETED';
create index event_publication_by_publication_date_idx on event_publication (publication_date, id);

create table dead_letters (
    id                 uuid        not null primary key, -- the publication's id
    listener_id        text        not null,
    event_type         text        not null,
    serialized_event   text        not null,
    publication_date   timestamptz not null,
    attempts           int         not null,
    last_error         text,
    first_failure_date timestamptz,
    last_failure_date  timestamptz,
    dead_since         timestamptz not null,
    replayed_at        timestamptz
);

create index dead_letters_open_idx on dead_letters (dead_since desc, id desc) where replayed_at is null;

-- An idempotent consumer claims an event id in the transaction of its effect.
create table processed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

create index processed_events_by_time_idx on processed_events (processed_at);

create table audit_log (
    id          uuid        not null primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    resource    text        not null,
    status      int         not null,
    request_id  text
);
