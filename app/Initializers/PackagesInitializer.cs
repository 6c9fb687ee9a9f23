using GitLabLite.Finders.Packages.Go;
using GitLabLite.Repositories.AuditEvents;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.AuditEvents;
using GitLabLite.Repositories.Packages;
using GitLabLite.Services.Packages.Go;
using Microsoft.Extensions.Options;

namespace GitLabLite.Initializers;

public static class PackagesInitializer
{
    public static IServiceCollection AddPackages(this IServiceCollection services)
    {
        services.AddSingleton<RepositoryIndex>();
        services.AddHostedService<RepositoryIndexSweeper>();
        services.AddSingleton<ModuleFinder>();
        services.AddSingleton<VersionFinder>();
        services.AddSingleton<ModuleProjectFinder>();
        services.AddSingleton<PackagesFinder>();
        services.AddSingleton<GitLabLite.Presenters.Packages.Go.PackagePresenter>();
        services.AddSingleton<GitLabLite.Presenters.Packages.Go.GoSetupPresenter>();
        services.AddSingleton<LocalModuleZipStore>();
        services.AddSingleton<ObjectStoreModuleZipStore>();
        services.AddSingleton<IModuleZipStore>(sp => sp.GetRequiredService<IOptions<ObjectStoreOptions>>().Value.Enabled
            ? sp.GetRequiredService<ObjectStoreModuleZipStore>()
            : sp.GetRequiredService<LocalModuleZipStore>());
        services.AddSingleton<BuildLeaseRepository>();
        services.AddSingleton<BuildLeases>();
        services.AddOptions<ZipBuildOptions>().BindConfiguration(ZipBuildOptions.Section);
        services.AddSingleton<GoProxyMetrics>();
        services.AddSingleton<ArchiveDiskBudget>();
        services.AddSingleton<CreateModuleZipService>();
        services.AddSingleton<ModuleZipCache>();
        services.AddSingleton<LedgerRepository>();
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section);
        services.AddSingleton<LedgerDownloads>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerDownloads>());
        services.AddSingleton<VersionLedger>();
        services.AddSingleton<TagAllowanceRepository>();
        services.AddSingleton<AuditEventRepository>();
        services.AddSingleton<AuditEventService>();
        services.AddSingleton<ServedTagsGuard>();
        services.AddSingleton<CreateTagAllowanceService>();
        services.AddSingleton<RevokeTagAllowanceService>();
        services.AddSingleton<TagAllowancesFinder>();
        services.AddSingleton<GitLabLite.Presenters.Packages.Go.TagAllowancePresenter>();
        services.AddSingleton<GitLabLite.Finders.AuditEvents.AuditEventsFinder>();
        return services;
    }
}
