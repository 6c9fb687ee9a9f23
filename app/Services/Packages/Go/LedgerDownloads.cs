using GitLabLite.Initializers;
using GitLabLite.Repositories.Packages.Go;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Download counts of ledger versions, kept in memory and added to Postgres in one statement every few seconds (and
/// at shutdown), so a download is an increment, never a write on its request. Several processes each add their
/// own counts; last_downloaded_at only moves forward. A crash loses at most the last interval's counts.
/// </summary>
public sealed class LedgerDownloads(LedgerRepository ledger, TimeProvider clock, IOptions<LedgerOptions> options, ILogger<LedgerDownloads> logger) : BackgroundService
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.DownloadsFlushSeconds);

    private readonly Lock _lock = new();
    private Dictionary<long, Pending> _pending = [];

    public void Add(long ledgerEntryId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock) _pending[ledgerEntryId] = _pending.TryGetValue(ledgerEntryId, out var p) ? p.Merge(new Pending(1, now)) : new Pending(1, now);
    }

    /// <summary>Writes what has been counted so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Dictionary<long, Pending> batch;
        lock (_lock) (batch, _pending) = (_pending, []);
        if (batch.Count == 0) return;
        try
        {
            await ledger.AddDownloadsAsync([.. batch.Select(p => (p.Key, p.Value.Count, p.Value.LastAt))], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Postgres is away: keep the counts for the next round rather than lose them.
            lock (_lock)
                foreach (var (id, pending) in batch)
                    _pending[id] = _pending.TryGetValue(id, out var p) ? p.Merge(pending) : pending;
            logger.LogWarning(e, "Could not record {Count} versions' downloads; retrying in {Interval}", batch.Count, _interval);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private readonly record struct Pending(long Count, DateTime LastAt)
    {
        public Pending Merge(Pending other) => new(Count + other.Count, other.LastAt > LastAt ? other.LastAt : LastAt);
    }
}
