-- Export jobs. The table is the queue: workers claim QUEUED rows, so jobs survive a
-- restart (see ExportWorker for the recovery rules).

create table task_exports (
    id           uuid primary key,
    project_id   uuid        not null references projects (id) on delete cascade,
    requested_by uuid        not null references users (id),
    format       text        not null check (format in ('csv', 'json', 'pdf')),
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    progress     integer     not null default 0 check (progress between 0 and 100),
    attempts     integer     not null default 0,
    error        text,
    file_name    text,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    expires_at   timestamptz,
    -- set when the expiry sweep has deleted the file; the job row stays as a record
    file_deleted_at timestamptz
);

create index task_exports_pending_idx on task_exports (created_at) where status in ('QUEUED', 'RUNNING');
