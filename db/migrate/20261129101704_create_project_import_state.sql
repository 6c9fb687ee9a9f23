-- GitLab's project_import_state: where a background import of a project stands (import_status in the API), and
-- why it failed. The source URL is not stored: it may carry credentials, and it is only needed while the import runs.
CREATE TABLE project_import_state (
    project_id bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    status text NOT NULL,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT project_import_state_status_check CHECK (status IN ('scheduled', 'started', 'finished', 'failed'))
);
-- The stale-import sweep looks only at imports in progress.
CREATE INDEX index_project_import_state_in_progress ON project_import_state (updated_at) WHERE status IN ('scheduled', 'started');
