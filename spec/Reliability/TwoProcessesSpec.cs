using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabLite.Initializers;
using GitLabLite.Spec.Support;
using Npgsql;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Two app processes on one fresh database and one repositories path, started together: migrations run once, and
/// whatever is changed through one holds in the other on the very next request, although both answer tokens,
/// access, flags and versions from memory (the change bus: a change returns only once every process applied it).
/// Every check warms the other process's caches first, then changes through one and asks the other at once.
/// </summary>
[TestClass]
public sealed class TwoProcessesSpec
{
    private const string RootToken = "glpat-two-processes-root-token-0001";
    private const string Module = "127.0.0.1/root/lib";

    private static NpgsqlConnectionStringBuilder _main = null!;
    private static string _database = null!;
    private static string _storage = null!;
    private static AppProcess _a = null!;
    private static AppProcess _b = null!;
    private static int _projectId;

    [ClassInitialize]
    public static async Task StartTwoApps(TestContext _)
    {
        _main = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Main"));
        _database = $"gitlablite_two_{Environment.ProcessId}";
        await AdminAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE {_database}");
        _storage = Path.Combine(Path.GetTempPath(), $"gitlablite-two-{Guid.NewGuid():N}");
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Main"] = new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = _database }.ConnectionString,
            ["GitLab__RepositoriesPath"] = _storage,
            ["GitLab__GoModuleHost"] = "127.0.0.1",
            ["GITLAB_ROOT_TOKEN"] = RootToken,
        };
        _a = AppProcess.Start(env);
        _b = AppProcess.Start(env);
        await Task.WhenAll(_a.WaitReadyAsync(), _b.WaitReadyAsync());

        // A private module with two tags, the proxy on for it, pushed through A's git endpoint.
        using var root = _a.Client(RootToken);
        var created = await root.PostAsync("/api/v4/projects?name=lib&path=lib&visibility=private", null);
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        _projectId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.AreEqual(HttpStatusCode.Created, (await root.PostAsync($"/api/v4/features/go_proxy?value=true&project=root/lib", null)).StatusCode);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {Module}\n", ["a.go"] = "package lib\n" });
        await git.TagAsync("v1.0.0");
        await git.GitAsync("push", "-q", PushUrl(_a), "main", "--tags");
    }

    [ClassCleanup]
    public static async Task StopTwoApps()
    {
        _a?.Dispose();
        _b?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        if (Directory.Exists(_storage)) Directory.Delete(_storage, recursive: true);
    }

    private static string PushUrl(AppProcess app) => $"http://root:{RootToken}@127.0.0.1:{app.Port}/root/lib.git";

    private static string Proxy(string file) => $"/api/v4/projects/{_projectId}/packages/go/{Module}/{file}";

    /// <summary>A user with a token, made through A.</summary>
    private static async Task<(int Id, string Token)> UserWithTokenAsync(string username, string scope = "read_api")
    {
        using var root = _a.Client(RootToken);
        var user = await root.PostAsync($"/api/v4/users?username={username}&email={username}@example.com&name={username}&password=s3cret-passw0rd-{username}", null);
        Assert.AreEqual(HttpStatusCode.Created, user.StatusCode, await user.Content.ReadAsStringAsync());
        var id = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var token = await root.PostAsync($"/api/v4/users/{id}/personal_access_tokens?name=go&scopes[]={scope}", null);
        Assert.AreEqual(HttpStatusCode.Created, token.StatusCode, await token.Content.ReadAsStringAsync());
        return (id, (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    private static async Task WarmAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        for (var i = 0; i < 3; i++) Assert.AreEqual(expected, (await client.GetAsync(path)).StatusCode, path);
    }

    [TestMethod]
    public void Start_TwoAppsTogether_ApplyEachMigrationOnce()
    {
        var migrations = Directory.GetFiles(DatabaseMigrator.MigrationsPath, "*.sql").Length;
        var applied = (_a.Output + _b.Output).Split('\n').Count(l => l.Contains("Applied migration"));
        Assert.AreEqual(migrations, applied, "each migration applied exactly once across both processes");
    }

    [TestMethod]
    public async Task DeployTokenDeletedThroughOne_NextRequestToTheOther_IsRefused()
    {
        using var root = _a.Client(RootToken);
        var created = await root.PostAsJsonAsync($"/api/v4/projects/{_projectId}/deploy_tokens", new { name = "ci", scopes = new[] { "read_package_registry" } });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var viaB = _b.Client();
        viaB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{json.GetProperty("username").GetString()}:{json.GetProperty("token").GetString()}")));
        await WarmAsync(viaB, Proxy("@v/list"));
        Assert.AreEqual(HttpStatusCode.NoContent, (await root.DeleteAsync($"/api/v4/projects/{_projectId}/deploy_tokens/{json.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await viaB.GetAsync(Proxy("@v/list"))).StatusCode, "deleted deploy token still accepted");
    }

    [TestMethod]
    public async Task RevokeThroughOne_NextRequestToTheOther_IsRefused()
    {
        var (_, token) = await UserWithTokenAsync("revoked", scope: "api");
        using var viaB = _b.Client(token);
        await WarmAsync(viaB, "/api/v4/user");
        using var revokeViaA = _a.Client(token);
        Assert.AreEqual(HttpStatusCode.NoContent, (await revokeViaA.DeleteAsync("/api/v4/personal_access_tokens/self")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await viaB.GetAsync("/api/v4/user")).StatusCode, "revoked token still accepted");
    }

    /// <summary>
    /// The other process cannot hear the revocation in time (its listening connection is stuck behind a lock held
    /// here): the revoking request returns only once that process has stopped trusting what it holds, so the next
    /// request to it is still refused. Without the wait it answers from its warm cache.
    /// </summary>
    [TestMethod]
    public async Task RevokeThroughOne_WhileTheOthersListenerIsStalled_IsRefusedByTheOtherOnTheNextRequest()
    {
        var (_, token) = await UserWithTokenAsync("stalled", scope: "api");
        using var viaB = _b.Client(token);
        await WarmAsync(viaB, "/api/v4/user");
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = _database, Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var lockB = new NpgsqlCommand("SELECT id FROM bus_nodes WHERE pid = @pid FOR UPDATE", conn, tx))
        {
            lockB.Parameters.AddWithValue("pid", _b.Id);
            Assert.IsNotNull(await lockB.ExecuteScalarAsync(), "the other process's lease row");
        }
        // Its next lease renewal waits for the lock; from then on nothing reaches its listener.
        var stalled = System.Diagnostics.Stopwatch.StartNew();
        while (!await RenewalWaitsAsync())
        {
            Assert.IsLessThan(TimeSpan.FromSeconds(30), stalled.Elapsed, "the renewal never reached the lock");
            await Task.Delay(20);
        }
        using var revokeViaA = _a.Client(token);
        Assert.AreEqual(HttpStatusCode.NoContent, (await revokeViaA.DeleteAsync("/api/v4/personal_access_tokens/self")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await viaB.GetAsync("/api/v4/user")).StatusCode, "revoked token accepted from a stale cache");
        await tx.RollbackAsync();
    }

    private static async Task<bool> RenewalWaitsAsync()
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = _database, Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%bus_nodes%'", conn);
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }

    [TestMethod]
    public async Task MembershipRemovedThroughOne_NextProxyRequestToTheOther_IsRefused()
    {
        var (id, token) = await UserWithTokenAsync("reporter");
        using var root = _a.Client(RootToken);
        Assert.AreEqual(HttpStatusCode.Created, (await root.PostAsync($"/api/v4/projects/{_projectId}/members?user_id={id}&access_level=20", null)).StatusCode);
        using var viaB = _b.Client(token);
        await WarmAsync(viaB, Proxy("@v/v1.0.0.info"));
        Assert.AreEqual(HttpStatusCode.NoContent, (await root.DeleteAsync($"/api/v4/projects/{_projectId}/members/{id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await viaB.GetAsync(Proxy("@v/v1.0.0.info"))).StatusCode, "former member still served");
    }

    [TestMethod]
    public async Task VisibilityChangedThroughOne_NextAnonymousRequestToTheOther_IsChallenged()
    {
        using var root = _a.Client(RootToken);
        using var anonymous = _b.Client();
        Assert.AreEqual(HttpStatusCode.OK, (await root.PutAsync($"/api/v4/projects/{_projectId}?visibility=public", null)).StatusCode);
        await WarmAsync(anonymous, Proxy("@v/list"));
        Assert.AreEqual(HttpStatusCode.OK, (await root.PutAsync($"/api/v4/projects/{_projectId}?visibility=private", null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Proxy("@v/list"))).StatusCode, "private project still served anonymously");
    }

    [TestMethod]
    public async Task FlagTurnedOffThroughOne_NextProxyRequestToTheOther_IsNotFound()
    {
        using var root = _a.Client(RootToken);
        using var viaB = _b.Client(RootToken);
        await WarmAsync(viaB, Proxy("@v/list"));
        Assert.AreEqual(HttpStatusCode.Created, (await root.PostAsync("/api/v4/features/go_proxy?value=false&project=root/lib", null)).StatusCode);
        try
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await viaB.GetAsync(Proxy("@v/list"))).StatusCode, "proxy still on");
        }
        finally
        {
            Assert.AreEqual(HttpStatusCode.Created, (await root.PostAsync("/api/v4/features/go_proxy?value=true&project=root/lib", null)).StatusCode);
        }
        Assert.AreEqual(HttpStatusCode.OK, (await viaB.GetAsync(Proxy("@v/list"))).StatusCode, "proxy not back on");
    }

    [TestMethod]
    public async Task PushThroughOne_NextListFromTheOther_ShowsTheNewVersion()
    {
        using var viaB = _b.Client(RootToken);
        await WarmAsync(viaB, Proxy("@v/list"));
        using var git = await GitFixture.CreateAsync();
        await git.GitAsync("fetch", "-q", PushUrl(_a), "main");
        await git.GitAsync("reset", "-q", "--hard", "FETCH_HEAD");
        await git.CommitAsync("b.go", "package lib\n");
        var tag = $"v1.1.{Environment.TickCount64 % 100000}";
        await git.TagAsync(tag);
        await git.GitAsync("push", "-q", PushUrl(_a), $"HEAD:refs/heads/main", tag);
        StringAssert.Contains(await viaB.GetStringAsync(Proxy("@v/list")), $"{tag}\n", "pushed version missing");
        StringAssert.Contains(await viaB.GetStringAsync(Proxy("@latest")), $"\"Version\":\"{tag}\"");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
