using System.Net;
using System.Text.Json;
using Dapper;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// The version ledger: a version is recorded once, the first time it is served, and from then on served from the
/// recorded commit with the recorded hashes, whatever its tag does, in this process and in any other.
/// </summary>
[TestClass]
public sealed class GoVersionLedgerSpec : RequestSpec
{
    private GoModuleFixture _m = null!;

    [TestInitialize]
    public async Task CreateModule()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        _m = await GoModuleFixture.CreateAsync(Services, Client(token), admin, token, "kept", new Dictionary<string, string?> { ["a.go"] = "package a\n" });
    }

    [TestCleanup]
    public void DisposeFixture() => _m.Dispose();

    private async Task<byte[]> BytesAsync(string file, HttpClient? client = null)
    {
        var response = await (client ?? BasicClient(_m.Token)).GetAsync(_m.Url(file));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{file}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    private async Task<(string Info, string Mod, string ZipH1)> ServeAsync(HttpClient? client = null) => (
        System.Text.Encoding.UTF8.GetString(await BytesAsync("@v/v1.0.0.info", client)),
        System.Text.Encoding.UTF8.GetString(await BytesAsync("@v/v1.0.0.mod", client)),
        DirHash.HashZip(new MemoryStream(await BytesAsync("@v/v1.0.0.zip", client)))!);

    private static async Task<IReadOnlyList<LedgerEntry>> RowsAsync()
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return [.. await conn.QueryAsync<LedgerEntry>("SELECT * FROM packages_go_ledger_entries ORDER BY id")];
    }

    /// <summary>Moves v1.0.0 to a new commit with other content, as a forced push straight into the repository would.</summary>
    private async Task<string> MoveTagAsync()
    {
        var moved = await _m.Git.CommitAsync("a.go", "package a\n\nconst Moved = true\n");
        await _m.Git.GitAsync("tag", "-f", "v1.0.0");
        await _m.PushAsync();
        return moved;
    }

    /// <summary>Another app process over the same database and repositories: nothing of this one's memory.</summary>
    private static WebApplicationFactory<Program> OtherProcess(int downloadsFlushSeconds = 10) =>
        Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:GoProxy:Ledger:DownloadsFlushSeconds", downloadsFlushSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static HttpClient BasicClientOf(WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"go:{token}")));
        return client;
    }

    [TestMethod]
    public async Task FirstServe_ConcurrentRequestsInTwoProcesses_WriteOneRowWithTheServedHashes()
    {
        using var other = OtherProcess();
        var clients = new[] { BasicClient(_m.Token), BasicClientOf(other, _m.Token) };
        var files = new[] { "@v/v1.0.0.info", "@v/v1.0.0.mod", "@v/v1.0.0.zip" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => clients[i % 2].GetAsync(_m.Url(files[i % 3]))));
        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => r.StatusCode)));

        var row = (await RowsAsync()).Single();
        var (_, mod, zipH1) = await ServeAsync();
        Assert.AreEqual(_m.Project.Id, row.ProjectId);
        Assert.AreEqual(_m.ModulePath, row.ModulePath);
        Assert.AreEqual("v1.0.0", row.Version);
        Assert.AreEqual(_m.FirstCommit, row.CommitSha);
        Assert.AreEqual("v1.0.0", row.TagName);
        Assert.AreEqual(GitFixture.TimeOf(1).UtcDateTime, row.CommittedAt);
        Assert.AreEqual(DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(mod)), row.GoModH1);
        Assert.AreEqual(zipH1, row.ZipH1);
        Assert.IsNull(row.ZipError);
    }

    [TestMethod]
    public async Task MovedTag_IsServedFromTheRecordedCommit_HereAndInAnotherProcess()
    {
        var before = await ServeAsync();

        var moved = await MoveTagAsync();
        Assert.AreNotEqual(_m.FirstCommit, moved);
        // The list follows the tags; the version is what was recorded.
        Assert.AreEqual("v1.0.0\n", System.Text.Encoding.UTF8.GetString(await BytesAsync("@v/list")));
        Assert.AreEqual(before, await ServeAsync());
        StringAssert.Contains(before.Info, _m.FirstCommit);
        using var other = OtherProcess();
        Assert.AreEqual(before, await ServeAsync(BasicClientOf(other, _m.Token)));
        // A query that resolves to the version answers as recorded too.
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(await BytesAsync("@latest")), _m.FirstCommit);
        Assert.AreEqual(_m.FirstCommit, (await RowsAsync()).Single().CommitSha);
    }

    [TestMethod]
    public async Task DeletedTag_IsStillServed_ButNoLongerListed()
    {
        var before = await ServeAsync();

        await _m.Git.GitAsync("push", "-q", _m.RepositoryPath, ":refs/tags/v1.0.0");
        await _m.NotifyRefsChangedAsync();

        Assert.AreEqual("", System.Text.Encoding.UTF8.GetString(await BytesAsync("@v/list")));
        Assert.AreEqual(before, await ServeAsync());
        using var other = OtherProcess();
        Assert.AreEqual(before, await ServeAsync(BasicClientOf(other, _m.Token)));
        // A version that was never served is not invented.
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.1.info"))).StatusCode);
    }

    [TestMethod]
    public async Task KeepAroundRef_SurvivesGcPruneNow_AndTheZipRebuildsFromIt()
    {
        var before = await ServeAsync();
        // Rewrite history so that nothing but the keep-around ref reaches the served commit.
        using (var cli = new GitCli())
        {
            var orphan = await cli.NewWorkingCopyAsync("orphan", ("go.mod", $"module {_m.ModulePath}\n"), ("b.go", "package a\n"));
            await cli.MustAsync(orphan, "tag", "v1.0.0");
            await cli.MustAsync(orphan, "push", "-q", "--force", _m.RepositoryPath, "main", "v1.0.0");
            await cli.MustAsync(_m.RepositoryPath, "reflog", "expire", "--expire=now", "--all");
            await cli.MustAsync(_m.RepositoryPath, "gc", "-q", "--prune=now");
            Assert.AreEqual(_m.FirstCommit, await cli.MustAsync(_m.RepositoryPath, "rev-parse", $"refs/keep-around/{_m.FirstCommit}"));
            Assert.AreEqual("commit", await cli.MustAsync(_m.RepositoryPath, "cat-file", "-t", _m.FirstCommit));
        }
        await _m.NotifyRefsChangedAsync();
        Directory.Delete(Path.Combine(Get<InstanceSettings>().CachePath, "go-zips"), recursive: true);

        using var other = OtherProcess();
        Assert.AreEqual(before, await ServeAsync(BasicClientOf(other, _m.Token)));
    }

    [TestMethod]
    public async Task CachedZip_ThatNoLongerHashesToTheLedger_IsRebuiltFromTheRecordedCommit_NeverRerecorded()
    {
        var before = await ServeAsync();
        var recorded = (await RowsAsync()).Single();
        // Replace the stored zip, consistently with its sidecar, by one of other content (as a store shared with a
        // differently built node, or a hand edit, could hold).
        var store = Get<IModuleZipStore>();
        var entry = store.List().Single();
        var forged = Path.Combine(Path.GetTempPath(), $"forged-{Guid.NewGuid():N}.zip");
        await using (var file = File.Create(forged))
            Assert.IsTrue(ModuleZipWriter.Create(file, _m.ModulePath, "v1.0.0", [ModuleFileEntry.FromBytes("go.mod", "module forged\n"u8.ToArray())]).Success);
        var bytes = await File.ReadAllBytesAsync(forged);
        await store.CommitAsync(entry.Key, forged, bytes.Length, DirHash.HashZip(new MemoryStream(bytes))!, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), CancellationToken.None);

        using var other = OtherProcess();
        using var builds = MetricCounter.Start(other.Services.GetRequiredService<GoProxyMetrics>().Builds);
        Assert.AreEqual(before, await ServeAsync(BasicClientOf(other, _m.Token)));
        Assert.AreEqual(1, builds.Value, "the forged zip was rebuilt once");
        var row = (await RowsAsync()).Single();
        Assert.AreEqual((recorded.CommitSha, recorded.GoModH1, recorded.ZipH1), (row.CommitSha, row.GoModH1, row.ZipH1));
        Assert.AreEqual(recorded.ZipH1, store.List().Single().H1);
    }

    [TestMethod]
    public async Task Downloads_AreCountedInMemoryAndWrittenInBatches_ZipGetsOnly()
    {
        using var app = OtherProcess(downloadsFlushSeconds: 3600);
        var client = BasicClientOf(app, _m.Token);
        await ServeAsync(client);
        await BytesAsync("@v/v1.0.0.zip", client);
        await BytesAsync("@v/v1.0.0.zip", client);
        Assert.AreEqual(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, _m.Url("@v/v1.0.0.zip")))).StatusCode);
        Assert.AreEqual(0, (await RowsAsync()).Single().DownloadCount, "counted in memory, not written per request");

        await app.Services.GetRequiredService<LedgerDownloads>().FlushAsync(CancellationToken.None);

        var row = (await RowsAsync()).Single();
        Assert.AreEqual(3, row.DownloadCount);
        Assert.IsTrue(row.LastDownloadedAt > DateTime.UtcNow.AddMinutes(-1), $"{row.LastDownloadedAt:O}");
    }

    [TestMethod]
    public async Task PackagesApiAndPages_ShowTheLedger_AndFlagATagMovedOrDeletedSinceItWasServed()
    {
        // Counts other specs left in this process's batch name rows that the cleaner removed (ids restart): drop them.
        await Get<LedgerDownloads>().FlushAsync(CancellationToken.None);
        var (_, mod, zipH1) = await ServeAsync();
        await BytesAsync("@v/v1.0.0.zip");
        await Get<LedgerDownloads>().FlushAsync(CancellationToken.None);
        var moved = await MoveTagAsync();
        await _m.Git.TagAsync("v1.1.0");
        await _m.PushAsync();
        var row = (await RowsAsync()).Single();

        async Task<Dictionary<string, JsonElement>> PackagesAsync()
        {
            var response = await Client(_m.Token).GetAsync($"/api/v4/projects/{_m.Project.Id}/packages");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            return (await JsonAsync(response)).EnumerateArray().ToDictionary(p => p.GetProperty("version").GetString()!);
        }
        var packages = await PackagesAsync();
        var served = packages["v1.0.0"];
        var ledger = served.GetProperty("go_ledger");
        Assert.AreEqual(_m.FirstCommit, ledger.GetProperty("commit_sha").GetString(), "the served commit, not the tag's");
        Assert.AreEqual(moved, ledger.GetProperty("tag_commit_sha").GetString());
        Assert.IsTrue(ledger.GetProperty("tag_moved").GetBoolean());
        Assert.AreEqual(2, ledger.GetProperty("download_count").GetInt64());
        Assert.AreEqual(row.LastDownloadedAt, ledger.GetProperty("last_downloaded_at").GetDateTime().ToUniversalTime());
        Assert.AreEqual(row.LastDownloadedAt, served.GetProperty("last_downloaded_at").GetDateTime().ToUniversalTime());
        Assert.AreEqual(row.CreatedAt, ledger.GetProperty("first_served_at").GetDateTime().ToUniversalTime());
        Assert.AreEqual(DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(mod)), ledger.GetProperty("go_mod_h1").GetString());
        Assert.AreEqual(zipH1, ledger.GetProperty("zip_h1").GetString());
        Assert.AreEqual(GitFixture.TimeOf(1).UtcDateTime, served.GetProperty("created_at").GetDateTime().ToUniversalTime(), "the served commit's time");
        Assert.AreEqual(JsonValueKind.Null, packages["v1.1.0"].GetProperty("go_ledger").ValueKind, "never served");

        var boss = await WebSession.SignInAsync(Factory, "boss", "password-123456");
        var page = await boss.Http.GetStringAsync($"/{_m.Project.FullPath}");
        StringAssert.Contains(page, "id=\"go-served-versions\"");
        StringAssert.Contains(page, $"v1.0.0 now points at {moved[..12]}");
        StringAssert.Contains(page, zipH1);
        StringAssert.Contains(page, "/-/packages/go/tag_allowances");
        var registry = await boss.Http.GetStringAsync($"/{_m.Project.FullPath}/-/packages");
        StringAssert.Contains(registry, $"tag v1.0.0 now points at {moved[..12]}: served from {_m.FirstCommit[..12]}");

        // Deleted: no longer in the refs, still served, so still in the registry.
        await _m.Git.GitAsync("push", "-q", _m.RepositoryPath, ":refs/tags/v1.0.0");
        await _m.NotifyRefsChangedAsync();
        ledger = (await PackagesAsync())["v1.0.0"].GetProperty("go_ledger");
        Assert.AreEqual(JsonValueKind.Null, ledger.GetProperty("tag_commit_sha").ValueKind);
        Assert.IsTrue(ledger.GetProperty("tag_moved").GetBoolean());
        StringAssert.Contains(await boss.Http.GetStringAsync($"/{_m.Project.FullPath}"), "v1.0.0 was deleted");
    }

    [TestMethod]
    public async Task UnknownVersion_IsServedOnceItsTagIsPushed()
    {
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.2.0.info"))).StatusCode);
        Assert.AreEqual(0, (await RowsAsync()).Count);

        await _m.Git.CommitAsync("b.go", "package a\n");
        await _m.Git.TagAsync("v1.2.0");
        await _m.PushAsync();

        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(await BytesAsync("@v/v1.2.0.info")), "\"Version\":\"v1.2.0\"");
        Assert.AreEqual("v1.2.0", (await RowsAsync()).Single().Version);
    }
}
