namespace GitLabLite.Services.Projects;

/// <summary>
/// In-process signal that a project's refs changed (after a push), so caches derived from refs, such as the Go
/// proxy's version index, can refresh. Handlers run synchronously on the pushing request; keep them short.
/// </summary>
public sealed class RepositoryChangeNotifier(ILogger<RepositoryChangeNotifier> logger)
{
    public event Action<long>? RefsChanged;

    public void NotifyRefsChanged(long projectId)
    {
        foreach (var handler in RefsChanged?.GetInvocationList().Cast<Action<long>>() ?? [])
        {
            try
            {
                handler(projectId);
            }
            catch (Exception e)
            {
                // The push has already succeeded; a failing listener must not turn it into an error.
                logger.LogError(e, "RefsChanged handler failed for project {ProjectId}", projectId);
            }
        }
    }
}
