using GitLabLite.Finders.Packages.Go;
using GitLabLite.Services.Packages.Go;

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
        services.AddSingleton<IModuleZipStore, LocalModuleZipStore>();
        services.AddOptions<ZipBuildOptions>().BindConfiguration(ZipBuildOptions.Section);
        services.AddSingleton<GoProxyMetrics>();
        services.AddSingleton<ArchiveDiskBudget>();
        services.AddSingleton<CreateModuleZipService>();
        services.AddSingleton<ModuleZipCache>();
        return services;
    }
}
