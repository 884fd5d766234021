-- Orders: carts, orders with their lines, idempotency keys of checkout requests, and the
-- order timeline built from the order events.

create table orders (
    id            uuid primary key,
    user_id       uuid        not null,
    drop_id       uuid,
    status        text        not null check (status in ('PENDING_PAYMENT', 'PAID', 'CANCELLED')),
    total_amount  bigint      not null check (total_amount >= 0),
    currency      char(3)     not null,
    -- Kept so a charge whose request died can be re-driven: the provider's idempotency key is
    -- derived from the order id, so charging again can never charge twice.
    payment_token text        not null,
    payment_id    text,
    refund_id     text,
    cancel_reason text,
    version       bigint      not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create index orders_user_idx on orders (user_id, id desc);
create index orders_all_idx on orders (id desc);
-- The settlement sweeper looks only at orders still waiting for their payment.
create index orders_pending_idx on orders (updated_at) where status = 'PENDING_PAYMENT';

create table order_lines (
    order_id    uuid   not null references orders (id) on delete cascade,
    sku         text   not null,
    quantity    int    not null check (quantity > 0),
    unit_amount bigint not null check (unit_amount >= 0),
    primary key (order_id, sku)
);

-- IETF Idempotency-Key: scoped per user, remembered with the request hash and the final
-- response for 24 hours. An IN_FLIGHT key is leased; a request whose process died leaves a
-- lease that expires, after which a retry with the same key takes the record over.
create table idempotency_keys (
    user_id         uuid        not null,
    key             text        not null,
    request_hash    text        not null,
    state           text        not null check (state in ('IN_FLIGHT', 'DONE')),
    locked_until    timestamptz not null,
    order_id        uuid,
    response_status int,
    response_type   text,
    response_body   text,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    primary key (user_id, key)
);

create index idempotency_keys_expiry_idx on idempotency_keys (expires_at);

create table cart_items (
    user_id    uuid        not null,
    sku        text        not null,
    quantity   int         not null check (quantity > 0),
    added_at   timestamptz not null,
    primary key (user_id, sku)
);

-- Read model written by the order event listeners (idempotent: one row per order and event).
create table order_timeline (
    order_id    uuid        not null,
    event       text        not null,
    occurred_at timestamptz not null,
    detail      text,
    primary key (order_id, event)
);
