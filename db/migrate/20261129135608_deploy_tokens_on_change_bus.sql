-- Deploy tokens travel on the change bus (20261129100332_create_change_bus.sql) like personal access tokens: every
-- process may keep them in memory, and a revoked, changed or deleted token (also by its project's or group's
-- deletion) drops out everywhere before the change returns.
CREATE TRIGGER deploy_tokens_bus AFTER UPDATE OR DELETE ON deploy_tokens FOR EACH ROW EXECUTE FUNCTION bus_row_changed('deploy_token', 'id');
CREATE TRIGGER deploy_tokens_bus_reset AFTER TRUNCATE ON deploy_tokens FOR EACH STATEMENT EXECUTE FUNCTION bus_tables_reset();
