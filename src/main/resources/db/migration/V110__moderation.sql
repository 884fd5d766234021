-- Moderation (docs/moderation.md, ADR 0110): the moderators' queue, and the flag each
-- owner of user-written text keeps on its own rows. A held item is stored like any other
-- but seen only by its author and ADMINs until a moderator approves it.

create table moderation_items (
    id          uuid        not null primary key,
    -- message, comment or article: the owning module's name for it
    type        text        not null check (type in ('message', 'comment', 'article')),
    source_id   uuid        not null,
    author_id   uuid        not null,
    excerpt     text        not null,
    reasons     text[]      not null,
    status      text        not null check (status in ('HELD', 'APPROVED', 'REMOVED')),
    created_at  timestamptz not null,
    decided_by  uuid,
    decided_at  timestamptz,
    -- a decision and its decider go together
    check ((status = 'HELD') = (decided_at is null))
);

-- the queue listing: one status, newest first, keyset on (created_at, id)
create index moderation_items_queue_idx on moderation_items (status, created_at desc, id desc);
-- at most one open entry per item: a re-screened held item (an edited article) is not
-- queued twice
create unique index moderation_items_open_idx on moderation_items (type, source_id) where status = 'HELD';

-- chat: a held message is a fact of the log (posted held, approved, hidden), so a
-- rebuild of the views gives the same visibility
alter table chat_events drop constraint chat_events_type_check;
alter table chat_events add constraint chat_events_type_check
    check (type in ('posted', 'edited', 'deleted', 'reacted', 'unreacted', 'approved', 'hidden'));
alter table chat_messages add column held boolean not null default false;

alter table task_comments add column held boolean not null default false;

alter table articles add column held boolean not null default false;
