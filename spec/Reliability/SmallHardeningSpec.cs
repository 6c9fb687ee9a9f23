using System.Net;
using Dapper;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// The red team's smaller items: HSTS and Secure cookies over HTTPS, a readiness probe that writes nothing, Link
/// headers from the configured URL rather than the Host header, and a root token that expires like any other.
/// </summary>
[TestClass]
public sealed class SmallHardeningSpec : RequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task OverHttps_EveryResponseHasHsts_AndEveryCookieIsSecureAndHttpOnly()
    {
        await CreateUserAsync("alice");
        var https = new WebSession(Factory, new Uri("https://gitlab.example.com"));
        var page = await https.Http.GetAsync("/users/sign_in");
        Assert.AreEqual("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var signIn = await https.PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "alice", ["password"] = Password });
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.IsTrue(cookies.Any(c => c.StartsWith("_gitlablite_session=", StringComparison.Ordinal)), string.Join("\n", cookies));
        Assert.IsTrue(cookies.Any(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)), string.Join("\n", cookies));
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
            CollectionAssert.Contains(attributes, "secure", cookie);
            CollectionAssert.Contains(attributes, "httponly", cookie);
            Assert.IsTrue(attributes.Any(a => a is "samesite=lax" or "samesite=strict"), cookie);
        }
        Assert.AreEqual("max-age=31536000", (await Client().GetAsync("https://gitlab.example.com/api/v4/version")).Headers.GetValues("Strict-Transport-Security").Single());
    }

    [TestMethod]
    public async Task OverHttp_NoHsts_AndCookiesAreNotMarkedSecure()
    {
        await CreateUserAsync("alice");
        var http = new WebSession(Factory);
        var page = await http.Http.GetAsync("/users/sign_in");
        Assert.IsFalse(page.Headers.Contains("Strict-Transport-Security"));
        Assert.IsFalse(page.Headers.GetValues("Set-Cookie").Any(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public async Task Readiness_WritesNothingToTheRepositoriesDirectory()
    {
        var root = Get<InstanceSettings>().RepositoriesPath;
        var entries = Directory.EnumerateFileSystemEntries(root).Order().ToList();
        var modified = Directory.GetLastWriteTimeUtc(root);
        for (var i = 0; i < 5; i++) Assert.AreEqual(HttpStatusCode.OK, (await Client().GetAsync("/-/readiness")).StatusCode);
        Assert.AreEqual(modified, Directory.GetLastWriteTimeUtc(root), "an entry was created or removed");
        CollectionAssert.AreEqual(entries, Directory.EnumerateFileSystemEntries(root).Order().ToList());
    }

    [TestMethod]
    public async Task Readiness_WithoutTheRepositoriesDirectory_Is503()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"gitlablite-missing-{Guid.NewGuid():N}");
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["GitLab:RepositoriesPath"] = missing })));
        _ = app.Server;
        Directory.Delete(missing, recursive: true);
        var readiness = await app.CreateClient().GetAsync("/-/readiness");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.AreEqual("failed", (await JsonAsync(readiness)).GetProperty("storage_check")[0].GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task LinkHeaders_UseTheConfiguredUrl_NotTheHostHeader()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var client = Client(token);
        client.DefaultRequestHeaders.Host = "evil.example";
        var response = await client.GetAsync("/api/v4/users?per_page=1&page=2");
        var links = response.Headers.GetValues("Link").Single().Split(", ");
        Assert.AreEqual(3, links.Length, string.Join("\n", links));
        foreach (var link in links)
            StringAssert.StartsWith(link, $"<{AppFactory.ExternalUrl}/api/v4/users?", link);
        CollectionAssert.Contains(links, $"<{AppFactory.ExternalUrl}/api/v4/users?page=1&per_page=1>; rel=\"prev\"");
    }

    [TestMethod]
    public async Task RootToken_FromTheEnvironment_ExpiresInAYear_AndEachStartRenewsIt()
    {
        var token = PersonalAccessToken.Generate();
        await StartWithRootTokenAsync(token);
        Assert.AreEqual(DateTime.UtcNow.Date.AddDays(PersonalAccessToken.MaxLifetimeDays), await ExpiryAsync(token));
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);

        await ExecuteAsync("UPDATE personal_access_tokens SET expires_at = current_date + 3");
        await StartWithRootTokenAsync(token);
        Assert.AreEqual(DateTime.UtcNow.Date.AddDays(PersonalAccessToken.MaxLifetimeDays), await ExpiryAsync(token), "renewed at start");

        await ExecuteAsync("UPDATE personal_access_tokens SET revoked = true");
        await StartWithRootTokenAsync(token);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v4/user")).StatusCode, "a revoked root token stays revoked");
    }

    private static async Task StartWithRootTokenAsync(string token)
    {
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["GITLAB_ROOT_TOKEN"] = token })));
        // Seeding runs at start, before the server answers.
        await app.CreateClient().GetAsync("/-/health");
    }

    private static async Task<DateTime?> ExpiryAsync(string token)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<DateTime?>("SELECT expires_at::timestamp FROM personal_access_tokens WHERE token_digest = @digest",
            new { digest = PersonalAccessToken.Digest(token) });
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql);
    }
}
