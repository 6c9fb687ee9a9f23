using System.Net;
using GitLabLite.Services.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Feature flags as a <see cref="LiveServer"/> sees them. Its flag cache is its own: changes go through its own API
/// (which reloads that cache before answering) and a database reset is followed by an explicit reload, so no spec
/// depends on the NOTIFY/stamp propagation delay.
/// </summary>
public static class LiveFeatures
{
    /// <summary>Empties the database (see <see cref="DatabaseCleaner"/>) and makes the live server forget every flag.</summary>
    public static async Task ResetAsync(IServiceProvider appServices, LiveServer server)
    {
        await DatabaseCleaner.CleanAsync(appServices);
        await server.Services.GetRequiredService<FeatureFlags>().ReloadAsync(CancellationToken.None);
    }

    /// <summary>POST /api/v4/features/:name with <paramref name="query"/> (e.g. "value=true&amp;group=g"), as an admin.</summary>
    public static async Task SetAsync(LiveServer server, string adminToken, string name, string query)
    {
        using var client = server.CreateSocketClient(adminToken);
        var response = await client.PostAsync($"api/v4/features/{name}?{query}", null);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task DeleteAsync(LiveServer server, string adminToken, string name)
    {
        using var client = server.CreateSocketClient(adminToken);
        var response = await client.DeleteAsync($"api/v4/features/{name}");
        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
