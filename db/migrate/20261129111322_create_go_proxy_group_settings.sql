-- Per-group pull-through upstreams (issue 16): a group's endpoint (and its subgroups', unless they set their own)
-- pulls from these instead of GitLab:GoProxy:Upstreams; an empty array turns pull-through off there.
CREATE TABLE go_proxy_group_settings (
    namespace_id bigint PRIMARY KEY REFERENCES namespaces (id) ON DELETE CASCADE,
    upstreams text[] NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
