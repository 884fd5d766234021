-- Identity: accounts and the refresh tokens issued to them.

create table users (
    id            uuid primary key,
    email         text        not null,
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('ADMIN', 'EDITOR', 'VIEWER')),
    disabled      boolean     not null default false,
    version       bigint      not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint users_email_lowercase check (email = lower(email))
);

-- E-mail is stored normalised (trimmed, lower case), so a plain unique index is exact.
create unique index users_email_key on users (email);

-- Refresh tokens are stored only as SHA-256 hashes. Each login starts a family; every
-- refresh marks the presented token used and issues the next one in the same family.
-- Presenting a used token again revokes the whole family (reuse detection).
create table refresh_tokens (
    id          uuid primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references users (id) on delete cascade,
    token_hash  bytea       not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);

create unique index refresh_tokens_hash_key on refresh_tokens (token_hash);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_live_idx on refresh_tokens (user_id) where revoked_at is null;
