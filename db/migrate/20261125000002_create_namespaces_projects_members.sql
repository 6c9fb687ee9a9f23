-- Namespaces hold both personal namespaces (type 'User', owner_id set) and groups (type 'Group'),
-- nested through parent_id as in GitLab.
CREATE TABLE namespaces (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    path text NOT NULL,
    type text NOT NULL CHECK (type IN ('User', 'Group')),
    owner_id bigint REFERENCES users (id) ON DELETE CASCADE,
    parent_id bigint REFERENCES namespaces (id) ON DELETE CASCADE,
    visibility_level integer NOT NULL DEFAULT 0,
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_namespaces_on_parent_and_lower_path ON namespaces (COALESCE(parent_id, 0), lower(path));
CREATE INDEX index_namespaces_on_owner_id ON namespaces (owner_id);

CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    path text NOT NULL,
    namespace_id bigint NOT NULL REFERENCES namespaces (id) ON DELETE CASCADE,
    creator_id bigint REFERENCES users (id) ON DELETE SET NULL,
    visibility_level integer NOT NULL DEFAULT 0,
    description text NOT NULL DEFAULT '',
    default_branch text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_projects_on_namespace_and_lower_path ON projects (namespace_id, lower(path));

-- source_type 'Project' or 'Namespace' (group membership), as GitLab's members table.
CREATE TABLE members (
    id bigserial PRIMARY KEY,
    source_type text NOT NULL CHECK (source_type IN ('Project', 'Namespace')),
    source_id bigint NOT NULL,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    access_level integer NOT NULL,
    expires_at date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_members_on_source_and_user ON members (source_type, source_id, user_id);
CREATE INDEX index_members_on_user_id ON members (user_id);

-- One row per namespace and project with its full path, as GitLab's routes table: lookups by
-- "group/sub/project" are one indexed query, and a group and a project can never share a path.
CREATE TABLE routes (
    id bigserial PRIMARY KEY,
    source_type text NOT NULL CHECK (source_type IN ('Project', 'Namespace')),
    source_id bigint NOT NULL,
    path text NOT NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_routes_on_lower_path ON routes (lower(path));
CREATE UNIQUE INDEX index_routes_on_source ON routes (source_type, source_id);
