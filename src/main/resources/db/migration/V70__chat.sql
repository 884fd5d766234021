-- Chat: channels, their members, and each channel's messages as an append-only log of
-- events (chat_events) with the views projected from it in the same transaction
-- (chat_messages, chat_reactions). See docs/chat.md and ADR 0075.

create table chat_channels (
    id         uuid        not null primary key,
    name       text        not null,
    topic      text,
    project_id uuid,
    private    boolean     not null,
    -- a direct conversation: the two user ids in order, so that a pair has one channel
    direct_key text        unique,
    created_by uuid        not null,
    created_at timestamptz not null,
    -- the log's last position: bumped under the row lock by every append (gap-free)
    last_seq   bigint      not null default 0
);

create index chat_channels_by_project_idx on chat_channels (project_id) where project_id is not null;

create table chat_members (
    channel_id uuid        not null references chat_channels (id) on delete cascade,
    user_id    uuid        not null,
    role       text        not null check (role in ('OWNER', 'MEMBER', 'READER')),
    joined_at  timestamptz not null,
    primary key (channel_id, user_id)
);

create index chat_members_by_user_idx on chat_members (user_id);

create table chat_events (
    channel_id uuid        not null references chat_channels (id) on delete cascade,
    seq        bigint      not null,
    message_id uuid        not null,
    type       text        not null check (type in ('posted', 'edited', 'deleted', 'reacted', 'unreacted')),
    actor_id   uuid        not null,
    payload    jsonb       not null,
    created_at timestamptz not null,
    primary key (channel_id, seq)
);

create index chat_events_by_message_idx on chat_events (message_id, seq);

create table chat_messages (
    id             uuid        not null primary key,
    channel_id     uuid        not null references chat_channels (id) on delete cascade,
    author_id      uuid        not null,
    parent_id      uuid,
    text           text        not null,
    attachment_ids uuid[]      not null default '{}',
    -- the seq of its posted event: the message's place in the channel
    posted_seq     bigint      not null,
    -- the seq of its latest event
    seq            bigint      not null,
    version        integer     not null,
    created_at     timestamptz not null,
    edited_at      timestamptz,
    deleted        boolean     not null default false,
    search         tsvector generated always as (to_tsvector('english', text)) stored,
    unique (channel_id, posted_seq)
);

create index chat_messages_by_thread_idx on chat_messages (parent_id, posted_seq) where parent_id is not null;
create index chat_messages_top_level_idx on chat_messages (channel_id, posted_seq) where parent_id is null;
create index chat_messages_search_idx on chat_messages using gin (search);
create index chat_messages_attachments_idx on chat_messages using gin (attachment_ids);

create table chat_reactions (
    message_id  uuid   not null references chat_messages (id) on delete cascade,
    emoji       text   not null,
    user_id     uuid   not null,
    reacted_seq bigint not null,
    primary key (message_id, emoji, user_id)
);

create table chat_read_markers (
    user_id    uuid   not null,
    channel_id uuid   not null references chat_channels (id) on delete cascade,
    seq        bigint not null,
    primary key (user_id, channel_id)
);

-- A resend with the same Idempotency-Key (or STOMP clientMessageId) by the same author
-- returns the first message: claimed in the posting transaction.
create table chat_idempotency_keys (
    author_id    uuid        not null,
    key          text        not null,
    channel_id   uuid        not null references chat_channels (id) on delete cascade,
    message_id   uuid        not null,
    request_hash text        not null,
    created_at   timestamptz not null,
    primary key (author_id, key)
);
