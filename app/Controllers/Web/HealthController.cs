using GitLabLite.Services.HealthChecks;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>Liveness and readiness probes: readiness checks Postgres and repository storage.</summary>
[ApiController]
public sealed class HealthController(ReadinessCheck checks) : ControllerBase
{
    [HttpGet("-/health")]
    public ContentResult Health() => Content("GitLab OK", "text/plain");

    [HttpGet("-/readiness")]
    [HttpGet("-/liveness")]
    public async Task<IActionResult> Readiness()
    {
        var db = await checks.DatabaseAsync(HttpContext.RequestAborted);
        var storage = checks.Storage();
        var ok = db && storage;
        return StatusCode(ok ? 200 : 503, new
        {
            status = ok ? "ok" : "failed",
            db_check = new[] { new { status = db ? "ok" : "failed" } },
            storage_check = new[] { new { status = storage ? "ok" : "failed" } },
        });
    }
}
