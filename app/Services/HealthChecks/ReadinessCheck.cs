using GitLabLite.Initializers;
using GitLabLite.Repositories;
using Npgsql;

namespace GitLabLite.Services.HealthChecks;

/// <summary>GitLab's readiness checks (Gitlab::HealthChecks): Postgres answers a query within 2 s, and repository storage is there and writable (without writing).</summary>
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

    /// <summary>
    /// The repositories directory exists and this process may create entries in it, asked of the kernel (access(2))
    /// rather than by writing a probe file: a probe every few seconds from an orchestrator would churn the directory
    /// that holds every repository, and would fail on a full disk the moment that matters least for readiness.
    /// </summary>
    public bool Storage() => Directory.Exists(settings.RepositoriesPath) && Access(settings.RepositoriesPath, WriteOk | ExecuteOk) == 0;

    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access(string path, int mode);
}
