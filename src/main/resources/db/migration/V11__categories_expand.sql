-- Category evolution, step 1 of 3 (expand). Safe while the previous release runs: a new
-- table and a nullable column with no default rewrite nothing and block nobody. The
-- foreign key is added NOT VALID, so existing rows are not scanned under a lock; new
-- writes are checked from now on. The release that ships with this step writes
-- category_id (and stops relying on the free-text column).

create table categories (
    id         uuid primary key,
    project_id uuid        not null references projects (id) on delete cascade,
    name       text        not null check (length(name) between 1 and 100),
    color      text        check (color ~ '^#[0-9a-fA-F]{6}$'),
    version    bigint      not null default 0,
    created_at timestamptz not null
);

-- Names are unique per project, ignoring case.
create unique index categories_project_name_key on categories (project_id, lower(name));

alter table tasks add column category_id uuid;

alter table tasks add constraint tasks_category_fk
    foreign key (category_id) references categories (id) on delete set null not valid;
