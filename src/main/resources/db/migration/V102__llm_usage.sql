-- Language model usage per account, UTC day and purpose: what the daily quota is checked
-- against before a call and charged with after it, shared by every instance. The
-- platform's own work (moderation) is the nil UUID's account, with a budget of its own.
-- No foreign key to users: usage is a ledger, kept when its user is deleted.

create table llm_usage (
    user_id    uuid   not null,
    day        date   not null,
    purpose    text   not null check (length(purpose) between 1 and 40),
    calls      bigint not null default 0 check (calls >= 0),
    tokens_in  bigint not null default 0 check (tokens_in >= 0),
    tokens_out bigint not null default 0 check (tokens_out >= 0),
    primary key (user_id, day, purpose)
);

create index llm_usage_by_day_idx on llm_usage (day);
