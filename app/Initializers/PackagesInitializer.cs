using GitLabLite.Finders.Packages.Go;
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
        return services;
    }
}
