-- The Go version ledger: the first time a canonical version of a module is served (.info, .mod or .zip), what it
-- was: the commit and module directory it came from, the tag that named it (none for pseudo-versions), the .info
-- time and the go.sum hashes. From then on the version is served from that commit whatever its tag does. A row is
-- written once; only zip_h1 or zip_error (whichever the first build gives) and the download counters change.
CREATE TABLE packages_go_ledger_entries (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    module_path text NOT NULL,
    version text NOT NULL,
    commit_sha text NOT NULL,
    module_dir text NOT NULL DEFAULT '',
    tag_name text,
    committed_at timestamptz NOT NULL,
    go_mod_h1 text NOT NULL,
    zip_h1 text,
    zip_error text,
    download_count bigint NOT NULL DEFAULT 0,
    last_downloaded_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (zip_h1 IS NULL OR zip_error IS NULL)
);
CREATE UNIQUE INDEX index_packages_go_ledger_entries_on_project_module_version
    ON packages_go_ledger_entries (project_id, module_path, version);
-- Push protection looks up the tags a push touches.
CREATE INDEX index_packages_go_ledger_entries_on_project_and_tag
    ON packages_go_ledger_entries (project_id, tag_name) WHERE tag_name IS NOT NULL;

-- An Owner's (or admin's) deliberate permission to move or delete one served tag with the next push that does so,
-- within an hour.
CREATE TABLE packages_go_tag_allowances (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tag_name text NOT NULL,
    user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX index_packages_go_tag_allowances_on_project_and_tag ON packages_go_tag_allowances (project_id, tag_name);

-- GitLab's audit_events: who did what to which entity, kept after the author or the entity is gone (names and
-- paths are copied, nothing cascades).
CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL,
    author_name text NOT NULL,
    entity_type text NOT NULL,
    entity_id bigint NOT NULL,
    entity_path text NOT NULL,
    event_name text NOT NULL,
    target_type text,
    target_details text,
    details jsonb NOT NULL DEFAULT '{}',
    ip_address text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX index_audit_events_on_entity_and_created_at ON audit_events (entity_type, entity_id, created_at);
