using GitLabLite.Models.Projects;

namespace GitLabLite.Repositories.Projects;

/// <summary>project_import_state: each transition only from the state it follows, so a swept or finished import stays so.</summary>
public sealed class ProjectImportStateRepository(Database db)
{
    public Task<int> ScheduleAsync(long projectId, CancellationToken ct) =>
        db.ExecuteAsync("INSERT INTO project_import_state (project_id, status) VALUES (@projectId, 'scheduled')", new { projectId }, ct);

    /// <summary>False when the import is no longer scheduled (swept as stale, or the project is gone).</summary>
    public async Task<bool> StartAsync(long projectId, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE project_import_state SET status = 'started', updated_at = now() WHERE project_id = @projectId AND status = 'scheduled'",
            new { projectId }, ct) == 1;

    public async Task<bool> FinishAsync(long projectId, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE project_import_state SET status = 'finished', last_error = NULL, updated_at = now() WHERE project_id = @projectId AND status = 'started'",
            new { projectId }, ct) == 1;

    public Task<int> FailAsync(long projectId, string error, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE project_import_state SET status = 'failed', last_error = @error, updated_at = now() WHERE project_id = @projectId AND status IN ('scheduled', 'started')",
            new { projectId, error }, ct);

    /// <summary>The heartbeat of imports this process holds: queued or running ones are never swept.</summary>
    public Task<int> TouchAsync(IReadOnlyCollection<long> projectIds, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE project_import_state SET updated_at = now() WHERE project_id = ANY(@projectIds) AND status IN ('scheduled', 'started')",
            new { projectIds = projectIds.ToArray() }, ct);

    /// <summary>Fails imports nobody has touched for <paramref name="staleAfter"/>: the process holding them is gone.</summary>
    public Task<int> FailStaleAsync(TimeSpan staleAfter, string error, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE project_import_state SET status = 'failed', last_error = @error, updated_at = now() WHERE status IN ('scheduled', 'started') AND updated_at < now() - @staleAfter",
            new { staleAfter, error }, ct);
}
