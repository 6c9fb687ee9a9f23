using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Purges a cached public module version: its row (.info, .mod), its zip and the module's list and queries, so the
/// next request fetches and verifies it again.
/// </summary>
public sealed class PurgePulledModuleService(PulledModuleRepository pulled, ModuleZipCache zips, ILogger<PurgePulledModuleService> logger)
{
    public async Task<ServiceResponse<PulledModule>> ExecuteAsync(long id, CancellationToken ct)
    {
        if (await pulled.FindByIdAsync(id, ct) is not { } module) return ServiceResponse<PulledModule>.Error("404 Module Not Found", ServiceErrorReason.NotFound);
        await pulled.DeleteAsync(id, ct);
        await pulled.DeleteAnswersAsync(module.ModulePath, ct);
        if (module.ZipKey is { } key && zips.FindOrNull(key) is { } entry) zips.Discard(entry);
        logger.LogInformation("Purged pulled module {Module}@{Version}", module.ModulePath, module.Version);
        return ServiceResponse<PulledModule>.Ok(module);
    }
}
