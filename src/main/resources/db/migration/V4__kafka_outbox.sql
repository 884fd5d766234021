-- Scale-out mode: domain events on their way to Kafka, as CloudEvents, in the order they
-- were written (the relay deletes a row once Kafka acknowledged it).

create table kafka_outbox (
    id         bigint      generated always as identity primary key,
    event_id   uuid        not null unique,
    topic      text        not null,
    key        text        not null,
    payload    text        not null,
    created_at timestamptz not null
);
