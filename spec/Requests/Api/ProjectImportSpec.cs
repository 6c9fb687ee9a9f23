using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GitLabLite.Services.Outbound;
using GitLabLite.Spec.Support;
using LibGit2Sharp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// POST /projects with import_url: the source is checked (URL blocker, info/refs probe) before anything is created,
/// then cloned in the background (import_status scheduled → started → finished | failed) within time, stall, size and
/// concurrency limits. Sources are servers this spec runs on loopback, reachable only where the spec's settings
/// (GitLab:Outbound:AllowLocalNetwork, AllowList) say so.
/// </summary>
[TestClass]
public sealed class ProjectImportSpec : ProjectsRequestSpec
{
    private static readonly IPAddress Loopback2 = IPAddress.Parse("127.0.0.2");
    private GitFixture _fixture = null!;
    private string _root = "";

    [TestInitialize]
    public async Task BuildSourceRepository()
    {
        _root = Directory.CreateTempSubdirectory("gitlablite-import-sources-").FullName;
        _fixture = await GitFixture.CreateAsync("stable");
        await _fixture.CommitAsync("go.mod", "module example.com/lib\n");
        await _fixture.TagAsync("v1.0.0");
        await _fixture.GitAsync("branch", "feature");
        await _fixture.GitAsync("remote", "add", "origin", "https://user:secret@example.com/lib.git");
    }

    [TestCleanup]
    public void RemoveSourceRepository()
    {
        _fixture.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("[::1]")]
    [DataRow("[::ffff:127.0.0.1]")]
    [DataRow("0x7f000001")]
    [DataRow("2130706433")]
    [DataRow("0177.0.0.1")]
    [DataRow("127.1")]
    [DataRow("localhost")]
    public async Task Create_FromLoopbackInAnySpelling_Is400BeforeTheServerSeesAnything(string host)
    {
        await using var server = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback, IPAddress.IPv6Loopback]);
        await server.AddRepositoryAsync("lib", _fixture);
        var (_, token) = await CreateUserWithTokenAsync("alice");

        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = server.Url(host, "lib") });

        var message = await MessageAsync(response);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, message);
        Assert.AreEqual("Import url is blocked: Requests to localhost are not allowed", message);
        Assert.AreEqual(0, server.Connections, "the source server was contacted");
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Create_FromGitProtocolOnLoopback_Is400BeforeAnyConnection()
    {
        using var silent = new SilentTcpServer(IPAddress.Loopback);
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = $"git://0x7f000001:{silent.Port}/lib.git" });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, await MessageAsync(response));
        Assert.AreEqual(0, silent.Accepted);
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Create_ThroughARedirectToLoopback_Is400AndTheTargetSeesNothing()
    {
        await using var target = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback]);
        await target.AddRepositoryAsync("lib", _fixture);
        await using var redirector = await LocalGitServer.StartAsync(_root, [Loopback2], r => $"http://127.0.0.1:{target.Port}{r.Path}{r.QueryString}");
        using var app = App(new() { ["GitLab:Outbound:AllowList:0"] = "127.0.0.2" });
        var token = await TokenAsync("alice");

        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = redirector.Url("127.0.0.2", "lib") });

        var message = await MessageAsync(response);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, message);
        Assert.AreEqual("Import url is blocked: it redirects to a blocked address: Requests to localhost are not allowed", message);
        Assert.AreEqual(1, redirector.Requests.Count, "the allow-listed redirector is asked once");
        Assert.AreEqual(0, target.Connections, "the redirect's target was contacted");
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Create_WithLocalNetworkAllowed_AnswersAtOnceAndImportsInTheBackground()
    {
        await using var server = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback]);
        await server.AddRepositoryAsync("lib", _fixture);
        using var app = App(new() { ["GitLab:Outbound:AllowLocalNetwork"] = "true" });
        var token = await TokenAsync("alice");

        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = server.Url("127.0.0.1", "lib") });

        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        CollectionAssert.Contains(new[] { "scheduled", "started", "finished" }, json.GetProperty("import_status").GetString());
        var done = await ImportDoneAsync(app, token, json.GetProperty("id").GetInt64());
        Assert.AreEqual("finished", done.GetProperty("import_status").GetString(), done.ToString());
        AssertImported("alice/lib");
        var project = await JsonAsync(await ClientOf(app, token).GetAsync("/api/v4/projects/alice%2Flib"));
        Assert.AreEqual("stable", project.GetProperty("default_branch").GetString());
        Assert.IsFalse(project.GetProperty("empty_repo").GetBoolean());
        Assert.AreEqual("finished", project.GetProperty("import_status").GetString());
    }

    [TestMethod]
    public async Task Create_ThroughAnAllowedRedirect_ImportsFromWhereItLeads()
    {
        await using var target = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback]);
        await target.AddRepositoryAsync("moved", _fixture);
        await using var redirector = await LocalGitServer.StartAsync(_root, [Loopback2],
            r => $"http://127.0.0.1:{target.Port}/moved.git/info/refs{r.QueryString}");
        using var app = App(new() { ["GitLab:Outbound:AllowList:0"] = "127.0.0.0/8" });
        var token = await TokenAsync("alice");

        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = redirector.Url("127.0.0.2", "old") });

        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual("finished", (await ImportDoneAsync(app, token, json.GetProperty("id").GetInt64())).GetProperty("import_status").GetString());
        AssertImported("alice/lib");
        Assert.AreEqual(1, redirector.Requests.Count, "git itself follows no redirect: it fetches from the checked target");
        Assert.IsTrue(target.Requests.Any(r => r.StartsWith("POST /moved.git/git-upload-pack", StringComparison.Ordinal)), string.Join("\n", target.Requests));
    }

    [TestMethod]
    public async Task Create_FromANameThatResolvesElsewhereLater_FetchesOnlyFromTheCheckedAddress()
    {
        // DNS rebinding: the first answer (checked, allow-listed) is 127.0.0.2; every later one is 127.0.0.1, where a
        // second server on the same port must never be reached. The name exists only in this resolver, so git can
        // only have connected through the pinned address.
        await using var good = await LocalGitServer.StartAsync(_root, [Loopback2]);
        await good.AddRepositoryAsync("lib", _fixture);
        using var bad = new SilentTcpServer(IPAddress.Loopback);
        var resolver = new RebindingResolver("git.rebind.test", Loopback2, IPAddress.Loopback);
        using var app = App(new() { ["GitLab:Outbound:AllowList:0"] = "127.0.0.2" }, resolver);
        var token = await TokenAsync("alice");

        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = good.Url("git.rebind.test", "lib") });

        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual("finished", (await ImportDoneAsync(app, token, json.GetProperty("id").GetInt64())).GetProperty("import_status").GetString());
        AssertImported("alice/lib");
        Assert.AreEqual(1, resolver.Lookups, "resolved once, then pinned");
        Assert.IsTrue(good.Requests.Any(r => r.StartsWith("POST /lib.git/git-upload-pack", StringComparison.Ordinal)));
        Assert.AreEqual(0, bad.Accepted);
    }

    [TestMethod]
    public async Task Create_FromGitProtocolWithLocalNetworkAllowed_Imports()
    {
        await _fixture.PushToAsync(Path.Combine(_root, "lib.git"));
        using var daemon = await GitDaemon.StartAsync(_root);
        using var app = App(new() { ["GitLab:Outbound:AllowLocalNetwork"] = "true" });
        var token = await TokenAsync("alice");
        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = $"git://localhost:{daemon.Port}/lib.git" });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual("finished", (await ImportDoneAsync(app, token, json.GetProperty("id").GetInt64())).GetProperty("import_status").GetString());
        AssertImported("alice/lib");
    }

    [TestMethod]
    public async Task Import_FromASilentPort_FailsAfterTheStallLimitWithoutHoldingTheRequest()
    {
        using var silent = new SilentTcpServer(IPAddress.Loopback);
        using var app = App(new() { ["GitLab:Outbound:AllowLocalNetwork"] = "true", ["GitLab:Import:StallSeconds"] = "2" });
        var token = await TokenAsync("alice");

        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = $"git://127.0.0.1:{silent.Port}/lib.git" });

        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        CollectionAssert.Contains(new[] { "scheduled", "started" }, json.GetProperty("import_status").GetString(), "answered while the import still ran");
        var done = await ImportDoneAsync(app, token, json.GetProperty("id").GetInt64());
        Assert.AreEqual("failed", done.GetProperty("import_status").GetString());
        Assert.AreEqual("Import failed: nothing was received for 2 seconds", done.GetProperty("import_error").GetString());
        Assert.AreEqual(1, silent.Accepted);
        Assert.IsFalse(Directory.Exists(RepoPath("alice/lib")));
        await WaitForAsync(() => silent.Open == 0, "git was stopped and its connection closed");
    }

    [TestMethod]
    public async Task Imports_BeyondTheConcurrencyBound_WaitTheirTurn_AndBeyondTheQueue_Are503()
    {
        using var silent = new SilentTcpServer(IPAddress.Loopback);
        using var app = App(new()
        {
            ["GitLab:Outbound:AllowLocalNetwork"] = "true", ["GitLab:Import:MaxConcurrent"] = "1", ["GitLab:Import:MaxQueued"] = "1",
        });
        var token = await TokenAsync("alice");
        var url = $"git://127.0.0.1:{silent.Port}/lib.git";
        var first = (await JsonAsync(await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "first", import_url = url }))).GetProperty("id").GetInt64();
        await WaitForAsync(async () => await StatusAsync(app, token, first) == "started" && silent.Accepted == 1, "the first import holds its connection");
        var second = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "second", import_url = url });
        Assert.AreEqual(HttpStatusCode.Created, second.StatusCode);
        var secondId = (await JsonAsync(second)).GetProperty("id").GetInt64();

        var third = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "third", import_url = url });
        Assert.AreEqual((HttpStatusCode)503, third.StatusCode, await third.Content.ReadAsStringAsync());
        Assert.AreEqual("Too many imports are waiting; try again later", await MessageAsync(third));
        Assert.AreEqual(HttpStatusCode.NotFound, (await ClientOf(app, token).GetAsync("/api/v4/projects/alice%2Fthird")).StatusCode);
        Assert.AreEqual("scheduled", await StatusAsync(app, token, secondId), "the second waits while the first runs");
        Assert.AreEqual(1, silent.Accepted);

        silent.DropAll();
        Assert.AreEqual("failed", (await ImportDoneAsync(app, token, first)).GetProperty("import_status").GetString());
        await WaitForAsync(() => silent.Accepted == 2, "the second import's turn");
        silent.DropAll();
        Assert.AreEqual("failed", (await ImportDoneAsync(app, token, secondId)).GetProperty("import_status").GetString());
    }

    [TestMethod]
    public async Task Import_LargerThanTheSizeLimit_Fails()
    {
        await using var server = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback]);
        await server.AddRepositoryAsync("lib", _fixture);
        using var app = App(new() { ["GitLab:Outbound:AllowLocalNetwork"] = "true", ["GitLab:Import:MaxRepositoryBytes"] = "1024" });
        var token = await TokenAsync("alice");
        var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = server.Url("127.0.0.1", "lib") });
        var done = await ImportDoneAsync(app, token, (await JsonAsync(response)).GetProperty("id").GetInt64());
        Assert.AreEqual("failed", done.GetProperty("import_status").GetString());
        Assert.AreEqual("Import failed: the repository is larger than the import limit of 1024 bytes", done.GetProperty("import_error").GetString());
        Assert.IsFalse(Directory.Exists(RepoPath("alice/lib")));
    }

    [TestMethod]
    public async Task Start_WithImportsLeftInProgressByAGoneProcess_FailsThem()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var project = (await CreateProjectAsync(token, "lib")).GetProperty("id").GetInt64();
        await using (var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync())
            await conn.ExecuteAsync("INSERT INTO project_import_state (project_id, status, updated_at) VALUES (@project, 'started', now() - interval '1 hour')", new { project });
        using var restarted = App([]);
        _ = restarted.Server;
        var done = await ImportDoneAsync(restarted, token, project);
        Assert.AreEqual("failed", done.GetProperty("import_status").GetString());
        StringAssert.Contains(done.GetProperty("import_error").GetString(), "interrupted");
    }

    [TestMethod]
    public async Task Create_WithFileImportUrlAsAdmin_MirrorsBranchesAndTags()
    {
        var source = Path.Combine(_root, "lib.git");
        await _fixture.PushToAsync(source);
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = new Uri(source).AbsoluteUri });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual("finished", (await ImportDoneAsync(Factory, token, json.GetProperty("id").GetInt64())).GetProperty("import_status").GetString());
        AssertImported("boss/lib");
    }

    [TestMethod]
    [DataRow("http://169.254.169.254/latest/meta-data.git", true, "is blocked: Requests to cloud metadata endpoints are not allowed")]
    [DataRow("http://10.0.0.1/repo.git", true, "is blocked: Requests to the local network are not allowed")]
    [DataRow("https://[fd00:ec2::254]/repo.git", true, "is blocked: Requests to cloud metadata endpoints are not allowed")]
    [DataRow("git://0.0.0.0/repo.git", true, "is blocked: Requests to localhost are not allowed")]
    [DataRow("http://224.0.0.1/repo.git", true, "is blocked: Requests to multicast addresses are not allowed")]
    [DataRow("http://no_such host/repo.git", true, "is invalid: use an absolute http, https, git, file URL")]
    [DataRow("ftp://example.com/repo.git", true, "is blocked: Only allowed schemes are http, https, git, file")]
    [DataRow("ext::sh -c touch% /tmp/pwned", true, "is blocked: Only allowed schemes are http, https, git, file")]
    [DataRow("/etc", true, "is invalid: use an absolute http, https, git, file URL")]
    [DataRow("--upload-pack=touch /tmp/pwned", true, "is invalid: use an absolute http, https, git, file URL")]
    [DataRow("http://example.com/repo.git?x=1", true, "is invalid: a git URL has no query or fragment")]
    [DataRow("SOURCE", false, "is blocked: Only allowed schemes are http, https, git")]
    public async Task Create_WithBlockedOrInvalidImportUrl_Is400AndLeavesNothing(string url, bool admin, string reason)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", admin);
        if (url == "SOURCE") url = new Uri(_root).AbsoluteUri;
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = url });
        var message = await MessageAsync(response);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, message);
        Assert.AreEqual($"Import url {reason}", message);
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Create_FromSomethingThatIsNotAGitRepository_Is422AndLeavesNothing()
    {
        await using var server = await LocalGitServer.StartAsync(_root, [IPAddress.Loopback]);
        using var app = App(new() { ["GitLab:Outbound:AllowLocalNetwork"] = "true" });
        var token = await TokenAsync("boss", admin: true);
        foreach (var (url, reason) in new[]
        {
            (server.Url("127.0.0.1", "nothing"), "it is not a valid HTTP Git repository"),
            ("file:///nonexistent/repo.git", "the path is not a git repository on this server"),
        })
        {
            var response = await PostJsonAsync(ClientOf(app, token), "/api/v4/projects", new { path = "lib", import_url = url });
            var message = await MessageAsync(response);
            Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode, message);
            Assert.AreEqual($"Import url could not be used: {reason}", message);
            await AssertNothingLeftAsync(0);
        }
    }

    private static WebApplicationFactory<Program> App(Dictionary<string, string?> settings, IHostResolver? resolver = null) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
            if (resolver is not null) b.ConfigureServices(s => s.AddSingleton(resolver));
        });

    private static HttpClient ClientOf(WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    private static async Task<string> TokenAsync(string username, bool admin = false) => (await CreateUserWithTokenAsync(username, admin)).Token;

    private static async Task<string?> StatusAsync(WebApplicationFactory<Program> app, string token, long id) =>
        (await ClientOf(app, token).GetFromJsonAsync<JsonElement>($"/api/v4/projects/{id}/import")).GetProperty("import_status").GetString();

    /// <summary>Polls GET /projects/:id/import until the import has finished or failed.</summary>
    private static async Task<JsonElement> ImportDoneAsync(WebApplicationFactory<Program> app, string token, long id)
    {
        JsonElement status = default;
        await WaitForAsync(async () =>
        {
            status = await ClientOf(app, token).GetFromJsonAsync<JsonElement>($"/api/v4/projects/{id}/import");
            return status.GetProperty("import_status").GetString() is "finished" or "failed";
        }, $"import of project {id} done");
        return status;
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("message").GetString() ?? body;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }

    private static void AssertImported(string fullPath)
    {
        using var repo = new Repository(RepoPath(fullPath));
        Assert.IsTrue(repo.Info.IsBare);
        Assert.IsNotNull(repo.Tags["v1.0.0"]);
        Assert.IsNotNull(repo.Branches["feature"]);
        Assert.AreEqual("refs/heads/stable", repo.Refs.Head.TargetIdentifier);
        Assert.IsNull(repo.Network.Remotes["origin"], "the import source must not stay in the config");
    }

    /// <summary>Answers the first lookup of its one name with one address and every later lookup with another.</summary>
    private sealed class RebindingResolver(string name, IPAddress first, IPAddress later) : IHostResolver
    {
        private int _lookups;

        public int Lookups => Volatile.Read(ref _lookups);

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            if (!string.Equals(host, name, StringComparison.OrdinalIgnoreCase)) return Task.FromResult<IPAddress[]>([]);
            return Task.FromResult<IPAddress[]>([Interlocked.Increment(ref _lookups) == 1 ? first : later]);
        }
    }
}
