using GitLabLite.Initializers;
using GitLabLite.Repositories;
using Npgsql;

namespace GitLabLite.Services.HealthChecks;

/// <summary>GitLab's readiness checks (Gitlab::HealthChecks): Postgres answers a query within 2 s, and repository storage takes a write.</summary>
public sealed class ReadinessCheck(HealthCheckRepository database, InstanceSettings settings)
{
    private static readonly TimeSpan DatabaseDeadline = TimeSpan.FromSeconds(2);

    public async Task<bool> DatabaseAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(DatabaseDeadline);
            return await database.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public bool Storage()
    {
        try
        {
            var probe = Path.Combine(settings.RepositoriesPath, $".readiness-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
