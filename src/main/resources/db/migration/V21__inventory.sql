-- Inventory: stock per SKU and timed drops of limited quantity.

-- available = on_hand - reserved. A reservation raises "reserved"; a paid order takes the
-- units out of both columns; a released reservation lowers "reserved" again.
create table stock (
    sku        text primary key,
    on_hand    int         not null check (on_hand >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    version    bigint      not null default 0,
    updated_at timestamptz not null,
    constraint stock_reserved_within_on_hand check (reserved <= on_hand)
);

-- A drop caps how many units of one SKU are sold from starts_at (until ends_at). An order
-- from a drop takes from "remaining" and from the SKU's stock in the same transaction.
create table drops (
    id                 uuid primary key,
    sku                text        not null references stock (sku),
    quantity           int         not null check (quantity > 0),
    remaining          int         not null,
    starts_at          timestamptz not null,
    ends_at            timestamptz,
    per_customer_limit int         not null check (per_customer_limit > 0),
    created_at         timestamptz not null,
    constraint drops_remaining_range check (remaining >= 0 and remaining <= quantity),
    constraint drops_ends_after_start check (ends_at is null or ends_at > starts_at)
);

create index drops_sku_idx on drops (sku);

-- Units each customer holds from a drop. The per-customer limit is enforced by a conditional
-- upsert on this row, so it holds even for parallel requests with different idempotency keys.
create table drop_purchases (
    drop_id  uuid not null references drops (id) on delete cascade,
    user_id  uuid not null,
    quantity int  not null check (quantity >= 0),
    primary key (drop_id, user_id)
);
