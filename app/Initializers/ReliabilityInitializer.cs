using GitLabLite.Services.Packages.Go;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitLabLite.Initializers;

/// <summary>Limits, throttles and shutdown rules that keep the app standing under faults, load and hostile input.</summary>
public static class ReliabilityInitializer
{
    /// <summary>API bodies are small JSON or forms; git pushes opt out per action ([DisableRequestSizeLimit]).</summary>
    public const long MaxRequestBodySize = 1L << 20;

    public static IServiceCollection AddReliability(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = MaxRequestBodySize;
            o.Limits.MaxRequestLineSize = 16 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            o.Limits.MaxRequestHeaderCount = 100;
            o.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });
        // SIGTERM: stop accepting, let in-flight downloads and pushes finish, but not forever.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // The framework's "Request starting" line prints the full URL, ?private_token= included; RequestLogMiddleware
        // logs requests instead. PostConfigure: this rule comes last, so configuration cannot switch it back on.
        services.PostConfigure<LoggerFilterOptions>(o =>
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null)));
        services.AddOptions<AuthThrottleOptions>().BindConfiguration(AuthThrottleOptions.Section);
        services.AddSingleton<AuthFailureLimiter>();
        services.AddHostedService<ZipCacheJanitor>();
        return services;
    }
}
