-- A drop's units are set aside from its SKU's stock when the drop is created: they are
-- counted in stock.reserved (promised, not available), so a plain order can never buy them
-- and only the drop sells them, within its window and per-customer limit. When a drop has
-- ended, its unsold units go back on the shelf and closed_at records that it happened;
-- units released or cancelled after that go to the shelf, not to the drop.
-- Invariant: stock.reserved = units of unpaid orders + remaining of the SKU's unclosed drops.

alter table drops add column closed_at timestamptz;

-- Drops already over set nothing aside.
update drops set closed_at = ends_at where ends_at <= now();

-- Drops still to come or live: set aside what each can still sell, earliest first. Before
-- this migration a drop was only a cap on the SKU's stock, so a drop may promise more than
-- its SKU has; it keeps what the shelf can give (remaining is lowered to that).
do $$
declare
    d record;
    free int;
begin
    for d in select id, sku, remaining from drops where closed_at is null order by starts_at, id loop
        select on_hand - reserved into free from stock where sku = d.sku for update;
        if d.remaining > free then
            update drops set remaining = free where id = d.id;
        end if;
        update stock set reserved = reserved + least(d.remaining, free), version = version + 1
        where sku = d.sku;
    end loop;
end $$;

-- The closing job looks only at drops with an end that have not been closed yet.
create index drops_to_close_idx on drops (ends_at) where closed_at is null and ends_at is not null;
