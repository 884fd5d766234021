-- A page of a project's tasks in each sort the list offers is an ordered walk of one index
-- that stops after the page: V15 serves "newest first"; these serve "by priority" and "by
-- due date" (their expressions are exactly the ORDER BY of TaskSearchSql). The list of a
-- member of several projects reads one page per project through them (a lateral subquery
-- per project) instead of sorting every task of every project.
create index tasks_project_priority_idx on tasks (project_id, priority desc, created_at desc, id desc);

create index tasks_project_due_idx on tasks (project_id, (coalesce(due_date, date '9999-12-31')), id);
