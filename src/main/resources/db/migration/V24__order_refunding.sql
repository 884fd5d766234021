-- REFUNDING: a paid order the customer cancelled whose refund could not be made at once (the
-- provider timed out, failed or its circuit was open). It keeps its units until the refund
-- retrier gets the refund through with the same idempotency key, then it is CANCELLED.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
    check (status in ('PENDING_PAYMENT', 'PAID', 'REFUNDING', 'CANCELLED'));

-- The retrier looks only at orders still waiting for their refund.
create index orders_refunding_idx on orders (updated_at) where status = 'REFUNDING';
