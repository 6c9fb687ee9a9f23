-- The change bus (app/Services/Caching/ChangeBus.cs): every app process keeps authentication, access, project and
-- flag answers in memory and drops them when the rows they came from change. Triggers publish each such change on
-- the channel 'gitlablite_bus' as "topic:key", in the changing transaction, so no code path (nor psql) can forget to;
-- the notice tells the writing process to wait until every live process has applied it (ChangeBus.SyncAsync).
CREATE FUNCTION bus_publish(topic text, key text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gitlablite_bus', topic || ':' || key);
    -- Transaction-local, so that a role's or database's client_min_messages cannot hide the notice from the writer.
    PERFORM set_config('client_min_messages', 'notice', true);
    RAISE NOTICE 'gitlablite_bus';
END $$;

-- Columns that change without changing any cached answer: bookkeeping writes must not flush caches.
CREATE FUNCTION bus_row_changed(old_row jsonb, new_row jsonb, ignored text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (old_row - ignored) IS DISTINCT FROM (new_row - ignored)
$$;

CREATE FUNCTION bus_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('token', OLD.id::text);
    RETURN NULL;
END $$;
CREATE TRIGGER personal_access_tokens_bus_update AFTER UPDATE ON personal_access_tokens FOR EACH ROW
    WHEN (bus_row_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['last_used_at', 'updated_at']))
    EXECUTE FUNCTION bus_token_changed();
CREATE TRIGGER personal_access_tokens_bus_delete AFTER DELETE ON personal_access_tokens FOR EACH ROW EXECUTE FUNCTION bus_token_changed();

CREATE FUNCTION bus_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('user', OLD.id::text);
    RETURN NULL;
END $$;
CREATE TRIGGER users_bus_update AFTER UPDATE ON users FOR EACH ROW
    WHEN (bus_row_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['failed_attempts', 'updated_at']))
    EXECUTE FUNCTION bus_user_changed();
CREATE TRIGGER users_bus_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION bus_user_changed();

-- Keyed by user: a membership changes what that user may do, wherever it inherits down.
CREATE FUNCTION bus_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM bus_publish('member', OLD.user_id::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM bus_publish('member', NEW.user_id::text); END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER members_bus AFTER INSERT OR UPDATE OR DELETE ON members FOR EACH ROW
    EXECUTE FUNCTION bus_member_changed();

CREATE FUNCTION bus_project_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('project', OLD.id::text);
    RETURN NULL;
END $$;
CREATE TRIGGER projects_bus_update AFTER UPDATE ON projects FOR EACH ROW
    WHEN (bus_row_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['updated_at']))
    EXECUTE FUNCTION bus_project_changed();
CREATE TRIGGER projects_bus_delete AFTER DELETE ON projects FOR EACH ROW EXECUTE FUNCTION bus_project_changed();

-- Visibility, parent (transfer), owner and paths of namespaces reach every project below them.
CREATE FUNCTION bus_namespace_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('namespace', OLD.id::text);
    RETURN NULL;
END $$;
CREATE TRIGGER namespaces_bus_update AFTER UPDATE ON namespaces FOR EACH ROW
    WHEN (bus_row_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['updated_at']))
    EXECUTE FUNCTION bus_namespace_changed();
CREATE TRIGGER namespaces_bus_delete AFTER DELETE ON namespaces FOR EACH ROW EXECUTE FUNCTION bus_namespace_changed();

CREATE FUNCTION bus_route_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('route', OLD.source_type || '/' || OLD.source_id);
    RETURN NULL;
END $$;
CREATE TRIGGER routes_bus AFTER UPDATE OR DELETE ON routes FOR EACH ROW
    EXECUTE FUNCTION bus_route_changed();

-- TRUNCATE fires no row triggers: everything cached from these tables goes.
CREATE FUNCTION bus_tables_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bus_publish('reset', TG_TABLE_NAME);
    RETURN NULL;
END $$;
CREATE TRIGGER personal_access_tokens_bus_reset AFTER TRUNCATE ON personal_access_tokens FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
CREATE TRIGGER users_bus_reset AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
CREATE TRIGGER members_bus_reset AFTER TRUNCATE ON members FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
CREATE TRIGGER projects_bus_reset AFTER TRUNCATE ON projects FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
CREATE TRIGGER namespaces_bus_reset AFTER TRUNCATE ON namespaces FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
CREATE TRIGGER routes_bus_reset AFTER TRUNCATE ON routes FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();

-- Feature flags travel on the bus too (one listening connection per process), still stamped so that a reload
-- never replaces a newer snapshot.
CREATE OR REPLACE FUNCTION feature_flags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint := nextval('feature_flag_version_seq');
BEGIN
    INSERT INTO feature_flag_versions (id, version) VALUES (true, stamp)
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    PERFORM bus_publish('flags', stamp::text);
    RETURN NULL;
END $$;

-- One row per live app process, renewed every second over its listening connection. A process answers from its
-- caches only while its lease holds (its own clock, started before the renewal was sent, so it lapses no later than
-- this row says), and a writer waits for the acknowledgement of every process whose lease has not lapsed.
-- Unlogged: leases mean nothing after a crash, and a renewal a second per process should not wait for a WAL flush.
CREATE UNLOGGED TABLE bus_nodes (
    id uuid PRIMARY KEY,
    host text NOT NULL,
    pid integer NOT NULL,
    lease_until timestamptz NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now()
);
