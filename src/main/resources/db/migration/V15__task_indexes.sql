-- Indexes for the real access paths of the task list (see docs/database.md for plans).

-- Filter a project's tasks by status and priority (the board view).
create index tasks_project_status_priority_idx on tasks (project_id, status, priority);

-- "My tasks": by assignee, newest first.
create index tasks_assignee_idx on tasks (assignee_id, created_at desc, id desc) where assignee_id is not null;

-- Per-category work by priority: a composite index serving both the filter and the order.
create index tasks_category_priority_idx on tasks (category_id, priority) where category_id is not null;

-- The most common query: a project's tasks, newest first, one page: the planner walks
-- this index in order and stops after the page. It also covers (INCLUDE) the columns of
-- the report's per-category counts, so those run as an index-only scan.
create index tasks_project_created_idx on tasks (project_id, created_at desc, id desc)
    include (category_id, status, priority);

-- Subtasks of a task.
create index tasks_parent_idx on tasks (parent_id) where parent_id is not null;

-- Full-text search on title + description for ?q=.
alter table tasks add column search tsvector generated always as
    (to_tsvector('simple', title || ' ' || coalesce(description, ''))) stored;
create index tasks_search_idx on tasks using gin (search);
