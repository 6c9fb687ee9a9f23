using GitLabLite.Services.Monitoring;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GitLabLite.Initializers;

/// <summary>
/// Metrics: every context declares its instruments with .NET's System.Diagnostics.Metrics in one
/// `&lt;Context&gt;Metrics` class over <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, on a meter named
/// "GitLabLite.&lt;Context&gt;" (registered in its own `Add&lt;Context&gt;()`, injected where things are counted);
/// OpenTelemetry exports those meters, and the runtime's and Npgsql's, at /-/metrics in Prometheus text.
/// </summary>
public static class MonitoringInitializer
{
    public const string Path = "/-/metrics";

    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section)
            .Validate(o => NetworkList.AllValid(o.AllowedAddresses), "GitLab:Monitoring:AllowedAddresses must hold IP addresses or CIDR networks (e.g. 10.0.0.0/8, ::1).")
            .ValidateOnStart();
        services.AddSingleton<MonitoringAllowList>();
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("gitlablite")).WithMetrics(metrics => metrics
            .AddMeter("GitLabLite.*", "System.Runtime", "Npgsql")
            // No cached scrape: a counter read right after a request must include it.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<RequestLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogWriter>());
        services.AddSingleton<PostgresMetrics>();
        return services;
    }

    /// <summary>GitLab's /-/metrics, for callers on the monitoring allow-list; everyone else gets 404 as from GitLab.</summary>
    public static void MapMonitoring(this WebApplication app)
    {
        var allowList = app.Services.GetRequiredService<MonitoringAllowList>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (allowList.Allows(http.Connection.RemoteIpAddress))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("Not Found\n");
        }), optionsName: null);
    }
}
