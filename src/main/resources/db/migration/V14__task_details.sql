-- Labels (1NF: one row per label, never a comma-separated column), comments and the
-- append-only history of every task.

create table task_labels (
    task_id uuid not null references tasks (id) on delete cascade,
    label   text not null check (length(label) between 1 and 50),
    primary key (task_id, label)
);

-- ?label= filter: from the label to its tasks.
create index task_labels_label_idx on task_labels (label, task_id);

create table task_comments (
    id         uuid primary key,
    task_id    uuid        not null references tasks (id) on delete cascade,
    author_id  uuid        not null references users (id),
    body       text        not null check (length(body) between 1 and 5000),
    created_at timestamptz not null
);

create index task_comments_task_idx on task_comments (task_id, created_at, id);

-- One row per version of a task: who, when, what changed, and the full state so that
-- any version can be restored. Rows are only ever inserted.
create table task_versions (
    task_id    uuid        not null references tasks (id) on delete cascade,
    version    bigint      not null,
    action     text        not null,
    changed_by uuid        not null references users (id),
    changed_at timestamptz not null,
    changes    jsonb       not null,
    state      jsonb       not null,
    primary key (task_id, version)
);
