-- Ending every session of an account must also kill the access tokens already handed out,
-- which are stateless JWTs. Each account counts its session generations; every token
-- (access and refresh) carries the generation it was issued in and only works while it is
-- still the account's current one. Disabling an account, changing or resetting its
-- password move the account to the next generation.
alter table users add column session_generation bigint not null default 0;
alter table refresh_tokens add column session_generation bigint not null default 0;
