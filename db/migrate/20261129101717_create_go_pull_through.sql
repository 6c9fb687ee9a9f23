-- Pull-through of public Go modules (issue 16): what was fetched from upstream proxies and the checksum-database
-- state it was verified against. Zips live in the content-addressed module zip store; these rows point at them.

-- Verified checksum-database answers, named as the go command names them in its cache:
-- <db name>/lookup/<escaped path>@<escaped version> (record + signed tree) and <db name>/tile/H/L/N[.p/W].
-- Only answers that verified are stored (lookups after the record proof, tiles after the tree proof).
CREATE TABLE go_sumdb_cache (
    key text PRIMARY KEY,
    data bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The latest signed tree head verified for each database: every newer one must be consistent with it.
CREATE TABLE go_sumdb_latest (
    name text PRIMARY KEY,
    note bytea NOT NULL,
    tree_size bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Canonical versions fetched from an upstream. .info and .mod are kept here (small, never evicted); the zip in the
-- module zip store under zip_key. verified_tree_size is the checksum-database tree the hashes were proven in
-- (null: the module matched NoSumDb).
CREATE TABLE go_pulled_modules (
    id bigserial PRIMARY KEY,
    module_path text NOT NULL,
    version text NOT NULL,
    upstream text NOT NULL,
    info bytea,
    mod bytea,
    mod_h1 text,
    zip_key text,
    zip_size bigint,
    zip_h1 text,
    verified_tree_size bigint,
    downloads bigint NOT NULL DEFAULT 0,
    first_fetched_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (module_path, version)
);

-- Answers that may change (list, @latest, .info of a query like a branch name): served while fresh, and stale when
-- every upstream is down or the instance is offline.
CREATE TABLE go_pulled_answers (
    module_path text NOT NULL,
    query text NOT NULL,
    body bytea NOT NULL,
    upstream text NOT NULL,
    fetched_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (module_path, query)
);

-- Allow and deny rules over pulled module paths and versions: instance-wide (namespace_id null) or for a group's
-- endpoint (and its subgroups').
CREATE TABLE go_proxy_rules (
    id bigserial PRIMARY KEY,
    namespace_id bigint REFERENCES namespaces (id) ON DELETE CASCADE,
    action text NOT NULL CHECK (action IN ('allow', 'deny')),
    module_pattern text NOT NULL,
    version_pattern text NOT NULL DEFAULT '*',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX index_go_proxy_rules_on_namespace_id ON go_proxy_rules (namespace_id);
