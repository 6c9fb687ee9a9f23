namespace GitLabLite.Services.Packages.Go;

/// <summary>Runs <see cref="RepositoryIndex.Sweep"/> every <see cref="RepositoryIndex.SweepInterval"/>: the safety net for refs changed outside the app.</summary>
public sealed class RepositoryIndexSweeper(RepositoryIndex index, ILogger<RepositoryIndexSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RepositoryIndex.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    index.Sweep();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning(e, "Refs sweep failed; retrying at the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
