-- The sandbox's refunds feed: every refund gets a position, in the order refunds are made
-- (the sandbox takes an advisory lock per refund, so positions also commit in order). Rows
-- that exist already are numbered in the order of the column's creation.
alter table sandbox_psp_refunds add column seq bigint generated always as identity;
create unique index sandbox_psp_refunds_seq on sandbox_psp_refunds (seq);

-- Fortress's side: how far it has read a provider feed. One row per feed; the payments
-- module learns of refunds made behind its back (directly at the provider) from it.
create table payment_feed_positions (
    feed      text   primary key,
    position  bigint not null check (position >= 0)
);
insert into payment_feed_positions (feed, position) values ('refunds', 0);
