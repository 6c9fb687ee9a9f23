using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using GitLabLite.Initializers;

namespace GitLabLite.Controllers.Web;

/// <summary>Liveness and readiness probes: readiness checks Postgres and repository storage.</summary>
[ApiController]
public sealed class HealthController(NpgsqlDataSource dataSource, InstanceSettings settings) : ControllerBase
{
    [HttpGet("-/health")]
    public ContentResult Health() => Content("GitLab OK", "text/plain");

    [HttpGet("-/readiness")]
    [HttpGet("-/liveness")]
    public async Task<IActionResult> Readiness()
    {
        var db = await CheckDatabaseAsync();
        var storage = CheckStorage();
        var ok = db && storage;
        return StatusCode(ok ? 200 : 503, new
        {
            status = ok ? "ok" : "failed",
            db_check = new[] { new { status = db ? "ok" : "failed" } },
            storage_check = new[] { new { status = storage ? "ok" : "failed" } },
        });
    }

    private async Task<bool> CheckDatabaseAsync()
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var conn = await dataSource.OpenConnectionAsync(timeout.Token);
            return await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token)) == 1;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private bool CheckStorage()
    {
        try
        {
            var probe = Path.Combine(settings.RepositoriesPath, $".readiness-{Guid.NewGuid():N}");
            System.IO.File.WriteAllText(probe, "");
            System.IO.File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
