using GitLabLite.Models.Features;
using GitLabLite.Repositories.Features;
using GitLabLite.Services.Features;

namespace GitLabLite.Initializers;

public static class FeaturesInitializer
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton(_ => FeatureDefinitions.Load(FeatureDefinitions.DefaultPath));
        services.AddSingleton<FeatureRepository>();
        services.AddSingleton<FeatureFlags>();
        services.AddSingleton<ProjectFeatureGate>();
        services.AddSingleton<GitLabLite.Finders.Features.FeatureActorNamesFinder>();
        services.AddSingleton<SetFeatureService>();
        services.AddSingleton<DeleteFeatureService>();
        return services;
    }
}
