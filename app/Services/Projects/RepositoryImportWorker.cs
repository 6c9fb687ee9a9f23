using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Repositories.Projects;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Runs imports in the background (GitLab's RepositoryImportWorker): at most `GitLab:Import:MaxConcurrent` at once,
/// each scheduled → started → finished or failed in project_import_state. Every 30 s it touches the imports it holds
/// and fails those nobody has touched for 2 minutes (their process died: the source URL died with it); at shutdown it
/// fails what it could not finish, so no import stays "started" forever.
/// </summary>
public sealed class RepositoryImportWorker(
    ProjectImportQueue queue, ProjectImportStateRepository states, ProjectRepository projects, RepositoryImporter importer,
    IOptions<ImportOptions> options, ILogger<RepositoryImportWorker> logger) : BackgroundService
{
    public const string InterruptedMessage = "The import was interrupted (the server stopped); import the project again.";

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        importer.RemoveAbandonedScratch(TimeSpan.FromMinutes(o.TimeoutMinutes) + StaleAfter);
        var workers = Enumerable.Range(0, o.MaxConcurrent).Select(_ => WorkAsync(stoppingToken)).ToList();
        try
        {
            using var timer = new PeriodicTimer(HeartbeatEvery);
            do await BeatAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(workers);
        while (queue.Reader.TryRead(out var left)) await FailAsync(left.ProjectId, InterruptedMessage);
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            if (queue.Held is { Count: > 0 } held) await states.TouchAsync(held, ct);
            var swept = await states.FailStaleAsync(StaleAfter, InterruptedMessage, ct);
            if (swept > 0) logger.LogWarning("Marked {Count} abandoned imports as failed", swept);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Import heartbeat failed");
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(job, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    await FailAsync(job.ProjectId, InterruptedMessage);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Import of project {ProjectId} crashed", job.ProjectId);
                    await FailAsync(job.ProjectId, "The import failed unexpectedly.");
                }
                finally
                {
                    queue.Release(job.ProjectId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(ProjectImportJob job, CancellationToken ct)
    {
        if (!await states.StartAsync(job.ProjectId, ct)) return;
        var o = options.Value;
        var limits = new ImportLimits(TimeSpan.FromMinutes(o.TimeoutMinutes), TimeSpan.FromSeconds(o.StallSeconds), o.MaxRepositoryBytes);
        var result = await importer.ImportAsync(new ImportRequest(job.Source.Url, job.Source.Protocol, job.Source.CurlResolve, limits),
            async c => (await projects.FindOrNullAsync(job.ProjectId, c))?.FullPath, ct);
        if (!result.Success)
        {
            logger.LogWarning("Import of project {ProjectId} failed: {Error}. git: {Detail}", job.ProjectId, result.Error, result.Detail);
            await FailAsync(job.ProjectId, $"Import failed: {result.Error}");
            return;
        }
        // The source's HEAD names its default branch, as GitLab takes it from the import.
        if (result.DefaultBranch is { } head) await projects.SetDefaultBranchAsync(job.ProjectId, head, ct);
        await states.FinishAsync(job.ProjectId, ct);
        logger.LogInformation("Imported project {ProjectId}", job.ProjectId);
    }

    /// <summary>Records a failure even while stopping; a database outage then leaves it to the stale sweep.</summary>
    private async Task FailAsync(long projectId, string error)
    {
        try
        {
            await states.FailAsync(projectId, error, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the failed import of project {ProjectId}", projectId);
        }
    }
}
