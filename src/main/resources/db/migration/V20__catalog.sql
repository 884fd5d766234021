-- Drop catalog: products and their variants (one SKU per size). ADMIN writes, anyone reads.

create table products (
    id          uuid primary key,
    name        text        not null,
    brand       text        not null,
    description text        not null default '',
    -- All variants of a product share one currency, so sorting and filtering by price compare like with like.
    currency    char(3)     not null,
    -- Cheapest variant, kept on the product so "sort by price" is an index scan, not an aggregate.
    min_price   bigint      not null check (min_price >= 0),
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    -- Ranked full-text search: the name counts most (in 'simple' too, so brand-like words and
    -- prefixes of names match unstemmed), then the brand, then the description.
    search_vector tsvector generated always as (
        setweight(to_tsvector('simple', name), 'A')
        || setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('simple', brand), 'B')
        || setweight(to_tsvector('english', description), 'C')
    ) stored
);

-- fastupdate off: the catalog is read far more than written, and a pending list makes both
-- search latency and the planner's cost estimate for this index unpredictable.
create index products_search_idx on products using gin (search_vector) with (fastupdate = off);
create index products_brand_idx on products (lower(brand), id);
create index products_price_idx on products (min_price, id);
create index products_name_idx on products (lower(name), id);

create table product_variants (
    sku            text primary key check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    product_id     uuid    not null references products (id) on delete cascade,
    size           text    not null,
    price_amount   bigint  not null check (price_amount >= 0),
    price_currency char(3) not null,
    position       int     not null
);

create index product_variants_product_idx on product_variants (product_id, position);
-- Filters "size = ? and price between ? and ?" probe variants, then join back to products.
create index product_variants_size_price_idx on product_variants (size, price_amount, product_id);
create index product_variants_price_idx on product_variants (price_amount, product_id);
