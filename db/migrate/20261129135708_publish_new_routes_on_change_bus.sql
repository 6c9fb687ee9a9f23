-- A new route is a new project or group at a full path: the instance and group Go proxy endpoints keep "no project
-- at these paths" answers in memory (ProjectFinder.ListByFullPathsAsync), which such an insert must clear in every
-- process before it returns, as updates and deletes of routes already do.
DROP TRIGGER routes_bus ON routes;
CREATE TRIGGER routes_bus AFTER INSERT OR UPDATE OR DELETE ON routes FOR EACH ROW EXECUTE FUNCTION bus_row_changed('route', 'source_id');
