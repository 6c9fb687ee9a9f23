using GitLabLite.Finders.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Packages.Go;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GitLabLite.Initializers;

/// <summary>Pull-through of public modules: settings, upstream HTTP, the checksum database, the service.</summary>
public static class PullThroughInitializer
{
    public static IServiceCollection AddPullThrough(this IServiceCollection services)
    {
        services.AddOptions<GoProxyOptions>().BindConfiguration(GoProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GoProxyOptions>, GoProxyOptionsValidator>();
        // No overall client timeout: zips stream for as long as they take; the pipeline bounds waiting for headers.
        services.AddHttpClient(GoUpstreamClient.HttpClientName, c =>
        {
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("GitLabLite-GoProxy");
        });
        services.AddResiliencePipeline(GoUpstreamClient.Pipeline, builder => builder
            .AddRetry(new RetryStrategyOptions
            {
                // Only failures before any answer: an upstream that answered (even 5xx) has spoken.
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(30)));
        services.AddSingleton<GoUpstreamClient>();
        services.AddSingleton<GoSumDbRepository>();
        services.AddSingleton<PulledModuleRepository>();
        services.AddSingleton<GoProxyRuleRepository>();
        services.AddSingleton<GoProxyGroupSettingsRepository>();
        services.AddSingleton<GitLabLite.Finders.Packages.Go.PullThroughScopeFinder>();
        services.AddSingleton<ChecksumDatabase>();
        services.AddSingleton<PulledDownloads>();
        services.AddHostedService(sp => sp.GetRequiredService<PulledDownloads>());
        services.AddSingleton<PullThroughService>();
        services.AddSingleton<PurgePulledModuleService>();
        services.AddHostedService(sp => sp.GetRequiredService<PurgePulledModuleService>());
        services.AddSingleton<GoProxyRulesService>();
        services.AddSingleton<GoProxyRulesFinder>();
        services.AddSingleton<PulledModulesFinder>();
        services.AddSingleton<GitLabLite.Controllers.Concerns.PullThroughAccess>();
        return services;
    }
}
