-- A project's import_status and import_error are part of the project every process keeps in memory (ProjectFinder on
-- the change bus), but live in project_import_state: without this, a background import that finished or failed was
-- still "started" for GET /projects/:id/import on every process until something else touched the project.
CREATE TRIGGER project_import_state_bus AFTER INSERT OR UPDATE OR DELETE ON project_import_state FOR EACH ROW EXECUTE FUNCTION bus_row_changed('project', 'project_id');
