using GitLabLite.Repositories.Features;

namespace GitLabLite.Services.Features;

/// <summary>
/// Keeps <see cref="FeatureFlags"/> in step with changes other app processes make: reloads on each NOTIFY, and checks
/// the change stamp every second in case the LISTEN connection is down or a notification was lost. Requests never
/// wait for this; they read whatever snapshot is current.
/// </summary>
public sealed class FeatureFlagsListener(FeatureFlags flags, FeatureRepository repository, ILogger<FeatureFlagsListener> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before the server takes requests; a database that is not up yet is caught by the poll loop.
        try
        {
            await flags.ReloadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not load feature flags at start; retrying in the background");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), PollAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Notifications sent while not listening are lost; the poll loop catches up within a second.
                await repository.ListenAsync(version => flags.RefreshForVersionAsync(version, ct), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Feature flag LISTEN connection lost; reconnecting");
                await DelayAsync(TimeSpan.FromSeconds(5), ct);
            }
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (await WaitTickAsync(timer, ct))
        {
            try
            {
                await flags.RefreshIfChangedAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogDebug(e, "Feature flag version check failed");
            }
        }
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
