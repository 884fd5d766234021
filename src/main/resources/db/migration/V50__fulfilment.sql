-- Fulfilment: one shipment request per paid order, withdrawn when the order is cancelled.
-- Built from the orders module's events by idempotent consumers.
create table shipments (
    id           uuid        not null primary key,
    order_id     uuid        not null unique,
    user_id      uuid        not null,
    amount       bigint      not null,
    currency     text        not null,
    -- VOID: the order was cancelled with no shipment requested and not by its customer (a
    -- declined or released order); kept so a late OrderPaid creates nothing.
    status       text        not null check (status in ('REQUESTED', 'WITHDRAWN', 'VOID')),
    requested_at timestamptz,
    withdrawn_at timestamptz,
    updated_at   timestamptz not null
);

-- The admin list: one status, newest first (ids are UUIDv7, so by id).
create index shipments_by_status_idx on shipments (status, id desc);
