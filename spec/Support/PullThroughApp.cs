using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The app in-process (same Postgres and repositories as <see cref="AppFactory"/>) with pull-through pointed at a
/// local <see cref="GoModuleUpstream"/> and <see cref="GoSumDbServer"/>, trusting exactly the upstream's certificate.
/// Extra settings (GitLab:GoProxy:...) override per instance; its in-memory state (single flights, short caches,
/// the verified tree) is its own.
/// </summary>
public sealed class PullThroughApp(GoModuleUpstream upstream, GoSumDbServer sumdb, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The GitLab:GoProxy settings that point at the local servers, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Settings(GoModuleUpstream upstream, GoSumDbServer sumdb, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["GitLab:GoProxy:Upstreams:0"] = upstream.BaseUrl,
            ["GitLab:GoProxy:SumDb:Name"] = sumdb.Name,
            ["GitLab:GoProxy:SumDb:Key"] = sumdb.VerifierKey,
            ["GitLab:GoProxy:SumDb:Url"] = sumdb.Url,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) values[k] = v;
        return values;
    }

    /// <summary>The upstream client trusts the local upstream's self-signed certificate, and nothing else.</summary>
    public static void TrustUpstream(IServiceCollection services, GoModuleUpstream upstream) =>
        services.AddHttpClient(GoUpstreamClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == upstream.Certificate.Thumbprint,
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(Settings(upstream, sumdb, settings)));
        builder.ConfigureServices(s => TrustUpstream(s, upstream));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
