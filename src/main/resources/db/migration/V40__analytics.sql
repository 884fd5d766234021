-- Analytics: read models built only from domain events, and the append-only log of the
-- facts they are built from. The aggregates can be dropped and recomputed from the log at
-- any time (POST /api/v1/admin/analytics/rebuild); the event publication registry keeps
-- completed publications only for a while, so the log is the history.

-- One row per event a consumer used, written with the aggregate's change in the
-- consumer's transaction; its primary key makes a redelivered event a no-op.
create table analytics_events (
    event_id    uuid        not null primary key,
    type        text        not null check (type in ('ORDER_PLACED', 'ORDER_PAID', 'ORDER_CANCELLED',
                                                     'CHECKOUT_ATTEMPTS', 'DROP_SOLD_OUT',
                                                     'TASK_CREATED', 'TASK_COMPLETED')),
    occurred_at timestamptz not null,
    order_id    uuid,
    drop_id     uuid,
    project_id  uuid,
    units       int,
    amount      bigint,
    currency    text,
    count       bigint,
    starts_at   timestamptz,
    recorded_at timestamptz not null
);

-- What analytics knows of each order, whatever order its events arrived in: the drop,
-- units and total come with OrderPlaced (units is null until then), the flags with
-- OrderPaid and OrderCancelled. A drop's orders, units sold and revenue are summed from
-- here when read (orders paid and not cancelled), so the listeners of a busy drop's
-- orders never wait for each other on one row.
create table analytics_orders (
    order_id  uuid    not null primary key,
    drop_id   uuid,
    units     int,
    amount    bigint,
    currency  text,
    paid      boolean not null default false,
    cancelled boolean not null default false
);

create index analytics_orders_by_drop_idx on analytics_orders (drop_id) where drop_id is not null;

-- Per drop: checkout attempts (one event a second at most), when it opened and first sold out.
create table analytics_drops (
    drop_id     uuid   not null primary key,
    attempts    bigint not null default 0,
    opened_at   timestamptz,
    sold_out_at timestamptz
);

-- Per project and UTC day: tasks created, tasks that became DONE.
create table analytics_project_days (
    project_id uuid not null,
    day        date not null,
    created    int  not null default 0,
    completed  int  not null default 0,
    primary key (project_id, day)
);
