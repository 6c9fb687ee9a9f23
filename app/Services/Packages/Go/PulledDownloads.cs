using System.Collections.Concurrent;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Download counts of pulled modules, added up in memory and written every few seconds (and at shutdown), so a
/// warm zip download costs no database access at all.
/// </summary>
public sealed class PulledDownloads(PulledModuleRepository repository, ILogger<PulledDownloads> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string ModulePath, string Version), long> _pending = new();

    public void Add(string modulePath, string version) => _pending.AddOrUpdate((modulePath, version), 1, (_, n) => n + 1);

    /// <summary>Writes the counts gathered so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var version in _pending.Keys)
        {
            if (!_pending.TryRemove(version, out var count)) continue;
            try
            {
                await repository.AddDownloadsAsync(version.ModulePath, version.Version, count, ct);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or Polly.CircuitBreaker.BrokenCircuitException or TimeoutException)
            {
                // Kept for the next round: Postgres may be back by then.
                _pending.AddOrUpdate(version, count, (_, n) => n + count);
                logger.LogWarning("Could not record {Count} downloads of pulled module {Module}@{Version}: {Error}", count, version.ModulePath, version.Version, e.Message);
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the last counts are written below.
        }
        await FlushAsync(CancellationToken.None);
    }
}
