-- Articles (the content module): the current state in one row, every change as a version.
-- The body is stored as written (markdown) and as the sanitised HTML rendered from it, so a
-- read never renders. Full-text search like the catalog's: weighted, generated, GIN-indexed.

-- array_to_string is only STABLE (it could call any element type's output function); for
-- text[] it is immutable, which a generated column needs.
create function articles_tags_text(tags text[]) returns text
    language sql immutable parallel safe
    as $$ select array_to_string(tags, ' ') $$;

create table articles (
    id           uuid        not null primary key,
    author_id    uuid        not null,
    project_id   uuid,
    title        text        not null,
    body         text        not null,
    body_html    text        not null,
    tags         text[]      not null default '{}',
    status       text        not null check (status in ('DRAFT', 'REVIEW', 'PUBLISHED')),
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    published_at timestamptz,
    search       tsvector generated always as (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('simple', articles_tags_text(tags)), 'B')
        || setweight(to_tsvector('english', body), 'C')
    ) stored
);

create index articles_search_idx on articles using gin (search);
create index articles_tags_idx on articles using gin (tags);
create index articles_by_update_idx on articles (updated_at desc, id desc);
create index articles_by_project_idx on articles (project_id) where project_id is not null;
create index articles_by_author_idx on articles (author_id);

create table article_versions (
    article_id uuid        not null references articles (id) on delete cascade,
    version    bigint      not null,
    title      text        not null,
    body       text        not null,
    tags       text[]      not null,
    status     text        not null,
    edited_by  uuid        not null,
    created_at timestamptz not null,
    primary key (article_id, version)
);
