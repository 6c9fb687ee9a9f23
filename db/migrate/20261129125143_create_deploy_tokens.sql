-- Deploy tokens (GitLab's deploy_tokens): machine credentials of one project, or of a group and every project in
-- it and its subgroups. Only the SHA-256 digest of the token is kept; the login is the token's username.
CREATE TABLE deploy_tokens (
    id bigserial PRIMARY KEY,
    project_id bigint REFERENCES projects (id) ON DELETE CASCADE,
    group_id bigint REFERENCES namespaces (id) ON DELETE CASCADE,
    name text NOT NULL,
    username text NOT NULL,
    token_digest text NOT NULL,
    scopes text[] NOT NULL,
    expires_at timestamptz,
    revoked boolean NOT NULL DEFAULT false,
    creator_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deploy_tokens_one_owner CHECK ((project_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX index_deploy_tokens_on_token_digest ON deploy_tokens (token_digest);
CREATE INDEX index_deploy_tokens_on_project_id ON deploy_tokens (project_id) WHERE project_id IS NOT NULL;
CREATE INDEX index_deploy_tokens_on_group_id ON deploy_tokens (group_id) WHERE group_id IS NOT NULL;
