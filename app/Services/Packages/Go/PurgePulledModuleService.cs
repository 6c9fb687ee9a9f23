using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Caching;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Purges a cached public module version: its listing row, its .info, .mod and .zip from the module zip store (the
/// shared store's copies too) and the module's list and queries, so the next request fetches and verifies it again.
/// Every node drops its own copies when the purge reaches it on the <see cref="ChangeBus"/>; it listens from start
/// (a hosted service), since a node that has served nothing yet still holds copies on its disk.
/// </summary>
public sealed class PurgePulledModuleService(PulledModuleRepository pulled, ModuleZipCache zips, ChangeBus bus, ILogger<PurgePulledModuleService> logger)
    : IHostedService
{
    public const string Topic = "pulled_module";

    private static readonly PulledFile[] StoredFiles = [PulledFile.Info, PulledFile.Mod, PulledFile.Zip];

    public async Task<ServiceResponse<PulledModule>> ExecuteAsync(long id, CancellationToken ct)
    {
        if (await pulled.FindByIdAsync(id, ct) is not { } module) return ServiceResponse<PulledModule>.Error("404 Module Not Found", ServiceErrorReason.NotFound);
        await pulled.DeleteAsync(id, ct);
        await pulled.DeleteAnswersAsync(module.ModulePath, ct);
        foreach (var file in StoredFiles) await zips.PurgeAsync(PullThroughService.StoreKey(module.ModulePath, module.Version, file), ct);
        // Module paths hold no '@': the last one splits the version off.
        await bus.PublishAsync(Topic, $"{module.ModulePath}@{module.Version}", ct);
        logger.LogInformation("Purged pulled module {Module}@{Version}", module.ModulePath, module.Version);
        return ServiceResponse<PulledModule>.Ok(module);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe(Topic, key =>
        {
            var at = key.LastIndexOf('@');
            foreach (var file in StoredFiles) zips.DropLocal(PullThroughService.StoreKey(key[..at], key[(at + 1)..], file));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
