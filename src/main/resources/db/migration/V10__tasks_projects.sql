-- TaskForge, first release: projects, their members and tasks. In this first schema a
-- task's category is still free text on the task itself; V11-V13
-- evolve it into a categories table without downtime.

create table projects (
    id          uuid primary key,
    name        text        not null check (length(name) between 1 and 200),
    description text        check (length(description) <= 2000),
    created_by  uuid        not null references users (id),
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- Per-project roles. The caller's membership decides access to a project and its tasks.
create table project_members (
    project_id uuid        not null references projects (id) on delete cascade,
    user_id    uuid        not null references users (id) on delete cascade,
    role       text        not null check (role in ('OWNER', 'EDITOR', 'VIEWER')),
    added_at   timestamptz not null,
    primary key (project_id, user_id)
);

-- "Which projects may this user see?" runs on every task request.
create index project_members_user_idx on project_members (user_id, project_id);

-- priority is stored as its rank (1 LOW .. 4 URGENT) so "order by priority" and reports
-- need no CASE expression and the indexes sort the way people mean.
create table tasks (
    id           uuid primary key,
    project_id   uuid        not null references projects (id) on delete cascade,
    type         text        not null check (type in ('TASK', 'BUG', 'FEATURE')),
    title        text        not null check (length(title) between 1 and 200),
    description  text        check (length(description) <= 10000),
    priority     smallint    not null check (priority between 1 and 4),
    status       text        not null check (status in ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')),
    category     text,
    assignee_id  uuid        references users (id) on delete set null,
    due_date     date,
    parent_id    uuid        references tasks (id) on delete cascade,
    severity     text        check (severity in ('MINOR', 'MAJOR', 'CRITICAL', 'BLOCKER')),
    story_points integer     check (story_points between 0 and 100),
    version      bigint      not null,
    created_by   uuid        not null references users (id),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    completed_at timestamptz,
    -- type-specific fields belong to their type only (the factory enforces it too)
    constraint tasks_severity_only_for_bugs check (severity is null or type = 'BUG'),
    constraint tasks_points_only_for_features check (story_points is null or type = 'FEATURE')
);
