-- The sandbox payment provider. It plays "another company": it owns these tables and
-- nothing in Fortress reads them except the sandbox itself (and tests, as an auditor would).
create table sandbox_psp_payments (
    id            text primary key,
    reference     text        not null,
    amount        bigint      not null,
    currency      char(3)     not null,
    status        text        not null check (status in ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'CANCELED', 'REFUNDED')),
    decline_code  text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create index sandbox_psp_payments_reference on sandbox_psp_payments (reference);

create table sandbox_psp_refunds (
    id          text primary key,
    payment_id  text        not null references sandbox_psp_payments (id),
    amount      bigint      not null,
    created_at  timestamptz not null
);

-- At most one refund per payment: the sandbox only supports full refunds.
create unique index sandbox_psp_refunds_payment on sandbox_psp_refunds (payment_id);

-- Idempotency keys as a provider keeps them: the request's fingerprint, whether it is
-- still being processed (with a lease, so a crashed request does not block the key
-- forever) and the response to replay.
create table sandbox_psp_idempotency_keys (
    key              text primary key,
    request_hash     text        not null,
    state            text        not null check (state in ('IN_FLIGHT', 'DONE')),
    response_status  int,
    response_body    text,
    locked_until     timestamptz,
    created_at       timestamptz not null
);

-- Every request the sandbox received, as a provider's dashboard shows them; tests count
-- attempts here. A row is written when the request arrives (so it is there before the
-- caller has its answer) and gets its status when the request completes.
create table sandbox_psp_requests (
    id               bigint generated always as identity primary key,
    idempotency_key  text,
    method           text        not null,
    path             text        not null,
    status           int,
    received_at      timestamptz not null
);

create index sandbox_psp_requests_key on sandbox_psp_requests (idempotency_key);
