using GitLabLite.Repositories.Caching;
using GitLabLite.Services.Caching;

namespace GitLabLite.Initializers;

/// <summary>The change bus that keeps every process's in-memory answers current (one listening connection per process).</summary>
public static class CachingInitializer
{
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddSingleton<ChangeBusRepository>();
        services.AddSingleton<ChangeBus>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeBus>());
        return services;
    }
}
