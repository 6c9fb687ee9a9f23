-- Flipper's ActiveRecord adapter tables, as GitLab has them: a feature row means "persisted" (set at least
-- once), gates hold boolean / actors / groups / percentage values as text.
CREATE TABLE features (
    id bigserial PRIMARY KEY,
    key text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_features_on_key ON features (key);

CREATE TABLE feature_gates (
    id bigserial PRIMARY KEY,
    feature_key text NOT NULL,
    key text NOT NULL,
    value text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_feature_gates_on_feature_key_and_key_and_value ON feature_gates (feature_key, key, value);

-- Change stamp for the in-memory flag caches of every app process: each write to the two tables above (also
-- from psql or a TRUNCATE) bumps it in the same transaction and NOTIFYs 'feature_flags'. The stamp comes from a
-- sequence no table owns, so it only grows, even across TRUNCATE ... RESTART IDENTITY.
CREATE SEQUENCE feature_flag_version_seq;
CREATE TABLE feature_flag_versions (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);

CREATE FUNCTION feature_flags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint := nextval('feature_flag_version_seq');
BEGIN
    INSERT INTO feature_flag_versions (id, version) VALUES (true, stamp)
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    PERFORM pg_notify('feature_flags', stamp::text);
    RETURN NULL;
END $$;

CREATE TRIGGER features_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON features
    FOR EACH STATEMENT EXECUTE FUNCTION feature_flags_changed();
CREATE TRIGGER feature_gates_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feature_gates
    FOR EACH STATEMENT EXECUTE FUNCTION feature_flags_changed();
