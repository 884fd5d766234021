-- In-app notifications: the copies of what was e-mailed. One event tells one person once
-- (the unique key backs up the consumer's claim in processed_events).

create table notifications (
    id         uuid        not null primary key,
    user_id    uuid        not null,
    kind       text        not null,
    subject    text        not null,
    body       text        not null,
    link       text        not null,
    event_id   uuid        not null,
    created_at timestamptz not null,
    read_at    timestamptz,
    unique (event_id, user_id, kind)
);

create index notifications_by_user_idx on notifications (user_id, id desc);
