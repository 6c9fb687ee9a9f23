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
CREATE FUNCTION bus_row_differs(old_row jsonb, new_row jsonb, ignored text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (old_row - ignored) IS DISTINCT FROM (new_row - ignored)
$$;

-- One trigger function for every table: TG_ARGV[0] is the topic, TG_ARGV[1] the column whose value is the key
-- (both the old and the new one when a row moves between keys).
CREATE FUNCTION bus_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_key text := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) ->> TG_ARGV[1] END;
    new_key text := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ->> TG_ARGV[1] END;
BEGIN
    IF old_key IS NOT NULL THEN PERFORM bus_publish(TG_ARGV[0], old_key); END IF;
    IF new_key IS NOT NULL AND new_key IS DISTINCT FROM old_key THEN PERFORM bus_publish(TG_ARGV[0], new_key); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER personal_access_tokens_bus_update AFTER UPDATE ON personal_access_tokens FOR EACH ROW
    WHEN (bus_row_differs(to_jsonb(OLD), to_jsonb(NEW), ARRAY['last_used_at', 'updated_at']))
    EXECUTE FUNCTION bus_row_changed('token', 'id');
CREATE TRIGGER personal_access_tokens_bus_delete AFTER DELETE ON personal_access_tokens FOR EACH ROW EXECUTE FUNCTION bus_row_changed('token', 'id');

CREATE TRIGGER users_bus_update AFTER UPDATE ON users FOR EACH ROW
    WHEN (bus_row_differs(to_jsonb(OLD), to_jsonb(NEW), ARRAY['failed_attempts', 'updated_at']))
    EXECUTE FUNCTION bus_row_changed('user', 'id');
CREATE TRIGGER users_bus_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION bus_row_changed('user', 'id');

-- Keyed by user: a membership changes what that user may do, wherever it inherits down.
CREATE TRIGGER members_bus AFTER INSERT OR UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION bus_row_changed('member', 'user_id');

CREATE TRIGGER projects_bus_update AFTER UPDATE ON projects FOR EACH ROW
    WHEN (bus_row_differs(to_jsonb(OLD), to_jsonb(NEW), ARRAY['updated_at']))
    EXECUTE FUNCTION bus_row_changed('project', 'id');
CREATE TRIGGER projects_bus_delete AFTER DELETE ON projects FOR EACH ROW EXECUTE FUNCTION bus_row_changed('project', 'id');

-- Visibility, parent (transfer), owner and paths of namespaces reach every project below them.
CREATE TRIGGER namespaces_bus_update AFTER UPDATE ON namespaces FOR EACH ROW
    WHEN (bus_row_differs(to_jsonb(OLD), to_jsonb(NEW), ARRAY['updated_at']))
    EXECUTE FUNCTION bus_row_changed('namespace', 'id');
CREATE TRIGGER namespaces_bus_delete AFTER DELETE ON namespaces FOR EACH ROW EXECUTE FUNCTION bus_row_changed('namespace', 'id');

CREATE TRIGGER routes_bus AFTER UPDATE OR DELETE ON routes FOR EACH ROW EXECUTE FUNCTION bus_row_changed('route', 'source_id');

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
