-- Category evolution, step 2 of 3 (backfill): one category per distinct free-text value
-- in each project, then point every task at its category. Idempotent, so it can be
-- re-run (or run in batches on a big table) without creating duplicates.

insert into categories (id, project_id, name, created_at)
select gen_random_uuid(), t.project_id, min(btrim(t.category)), now()
from tasks t
where t.category is not null and btrim(t.category) <> ''
group by t.project_id, lower(btrim(t.category))
on conflict do nothing;

update tasks t
set category_id = c.id
from categories c
where t.category_id is null
  and t.category is not null
  and c.project_id = t.project_id
  and lower(c.name) = lower(btrim(t.category));
