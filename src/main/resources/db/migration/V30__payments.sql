-- Payments: our side of every charge. One row per order (the order id is the key the
-- provider's idempotency keys derive from), so a charge or refund can never be sent
-- twice under different keys.
create table payments (
    order_id          uuid primary key,
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    -- The card token is kept so that reconciliation can replay the identical request.
    card_token        text        not null,
    idempotency_key   text        not null unique,
    state             text        not null check (state in ('CHARGING', 'CAPTURED', 'DECLINED', 'UNAVAILABLE',
                                                            'UNKNOWN', 'VOIDING', 'NOT_CAPTURED', 'REFUNDED')),
    psp_payment_id    text,
    decline_reason    text,
    refund_id         text,
    attempts          int         not null default 0,
    next_attempt_at   timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

-- The reconciler's work queue: only unsettled rows are indexed, so it stays tiny.
create index payments_unsettled on payments (next_attempt_at) where state in ('CHARGING', 'UNKNOWN', 'VOIDING');
