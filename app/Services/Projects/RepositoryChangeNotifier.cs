using System.Globalization;
using GitLabLite.Services.Caching;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Tells every app process that a project's refs changed (after a push or an import), so that caches derived from
/// refs, such as the Go proxy's version index, refresh: published on the <see cref="ChangeBus"/>, and
/// <see cref="RefsChanged"/> is raised in each process as its listener receives it. Handlers run on the listener's
/// thread; keep them short.
/// </summary>
public sealed class RepositoryChangeNotifier
{
    public const string Topic = "refs";

    private readonly ChangeBus _bus;
    private readonly ILogger<RepositoryChangeNotifier> _logger;

    public RepositoryChangeNotifier(ChangeBus bus, ILogger<RepositoryChangeNotifier> logger)
    {
        _bus = bus;
        _logger = logger;
        bus.Subscribe(Topic, key => Raise(long.Parse(key, CultureInfo.InvariantCulture)));
    }

    public event Action<long>? RefsChanged;

    /// <summary>Returns once every process has seen the change (the bus waits for their acknowledgements).</summary>
    public Task NotifyRefsChangedAsync(long projectId, CancellationToken ct) =>
        _bus.PublishAsync(Topic, projectId.ToString(CultureInfo.InvariantCulture), ct);

    private void Raise(long projectId)
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
                _logger.LogError(e, "RefsChanged handler failed for project {ProjectId}", projectId);
            }
        }
    }
}
