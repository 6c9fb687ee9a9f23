using System.IO.Compression;
using System.Net;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Services.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// The Go proxy's caches are invisible to clients: the version index follows pushes and deletions at once, cold
/// zips are built once however many ask, and a damaged cached zip is rebuilt instead of served.
/// </summary>
[TestClass]
public sealed class GoProxyCacheSpec : RequestSpec
{
    private GoModuleFixture _m = null!;

    [TestInitialize]
    public async Task CreateModule()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        _m = await GoModuleFixture.CreateAsync(Services, Client(token), admin, token, "cached", new Dictionary<string, string?> { ["a.go"] = "package a\n" });
    }

    [TestCleanup]
    public void DisposeFixture() => _m.Dispose();

    private async Task<string> BodyAsync(string file, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await BasicClient(_m.Token).GetAsync(_m.Url(file));
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, $"{file}: {body}");
        return body;
    }

    [TestMethod]
    public async Task List_AfterPushingATag_ShowsItAtOnceAndWarmRequestsDoNotRereadRefs()
    {
        Assert.AreEqual("v1.0.0\n", await BodyAsync("@v/list"));
        using (var reads = MetricCounter.Start(Get<GoProxyMetrics>().RefReads))
        {
            Assert.AreEqual("v1.0.0\n", await BodyAsync("@v/list"));
            await BodyAsync("@latest");
            await BodyAsync("@v/v9.9.9.info", HttpStatusCode.NotFound);
            Assert.AreEqual(0, reads.Value, "warm requests answer from the index");
        }

        await _m.Git.CommitAsync("b.go", "package a\n");
        await _m.Git.TagAsync("v1.1.0");
        await _m.PushAsync();

        Assert.AreEqual("v1.0.0\nv1.1.0\n", await BodyAsync("@v/list"));
        StringAssert.Contains(await BodyAsync("@latest"), "\"Version\":\"v1.1.0\"");
        StringAssert.Contains(await BodyAsync("@v/v1.1.0.info"), "\"Version\":\"v1.1.0\"");
    }

    [TestMethod]
    public async Task List_AfterDeletingATag_DropsItAtOnce()
    {
        await _m.Git.CommitAsync("b.go", "package a\n");
        await _m.Git.TagAsync("v1.1.0");
        await _m.PushAsync();
        Assert.AreEqual("v1.0.0\nv1.1.0\n", await BodyAsync("@v/list"));
        await BodyAsync("@v/v1.1.0.info");
        await _m.Git.CommitAsync("c.go", "package a\n");
        await _m.Git.TagAsync("v1.2.0");
        await _m.PushAsync();
        StringAssert.Contains(await BodyAsync("@latest"), "\"Version\":\"v1.2.0\"");

        await _m.Git.GitAsync("push", "-q", _m.RepositoryPath, ":refs/tags/v1.1.0", ":refs/tags/v1.2.0");
        await _m.NotifyRefsChangedAsync();

        Assert.AreEqual("v1.0.0\n", await BodyAsync("@v/list"));
        StringAssert.Contains(await BodyAsync("@latest"), "\"Version\":\"v1.0.0\"");
        // Never served: gone with its tag. Served once: the version ledger keeps it (GoVersionLedgerSpec).
        await BodyAsync("@v/v1.2.0.info", HttpStatusCode.NotFound);
        StringAssert.Contains(await BodyAsync("@v/v1.1.0.info"), "\"Version\":\"v1.1.0\"");
    }

    [TestMethod]
    public async Task List_AfterPackingRefsAndNotifiedPush_IsCurrent()
    {
        await _m.Git.CommitAsync("b.go", "package a\n");
        await _m.Git.TagAsync("v1.2.0");
        await _m.PushAsync();
        using (var cli = new GitCli()) await cli.MustAsync(_m.RepositoryPath, "pack-refs", "--all");
        await _m.NotifyRefsChangedAsync();
        Assert.AreEqual("v1.0.0\nv1.2.0\n", await BodyAsync("@v/list"));
    }

    [TestMethod]
    public async Task List_AfterAPushOutsideTheApp_IsCurrentWithinTheSweepInterval()
    {
        Assert.AreEqual("v1.0.0\n", await BodyAsync("@v/list"));
        await _m.Git.CommitAsync("b.go", "package a\n");
        await _m.Git.TagAsync("v1.3.0");
        using var reads = MetricCounter.Start(Get<GoProxyMetrics>().RefReads);
        // Nothing tells the app: only the sweep can see this push.
        await _m.Git.PushToAsync(_m.RepositoryPath);
        var seen = System.Diagnostics.Stopwatch.StartNew();
        while (await BodyAsync("@v/list") != "v1.0.0\nv1.3.0\n")
        {
            Assert.IsLessThan(TimeSpan.FromSeconds(30), seen.Elapsed, "the push was never seen");
            await Task.Delay(50);
        }
        Assert.AreEqual(1, reads.Value, "requests before the sweep answered from the index, without reading refs");
    }

    [TestMethod]
    public async Task Zip_ConcurrentColdRequests_BuildOnce()
    {
        using var builds = MetricCounter.Start(Get<GoProxyMetrics>().Builds);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.0.zip"))));
        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.AreEqual(1, bodies.Select(Convert.ToBase64String).Distinct().Count());
        Assert.AreEqual(1, builds.Value);
    }

    [TestMethod]
    public async Task Zip_RecordedH1_IsTheHashGoComputesFromTheServedZip()
    {
        var bytes = await (await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.0.zip"))).Content.ReadAsByteArrayAsync();
        var entry = Get<IModuleZipStore>().List().Single();
        Assert.AreEqual(DirHash.HashZip(new MemoryStream(bytes)), entry.H1);
        Assert.AreEqual(bytes.Length, entry.Size);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), entry.Sha256);
    }

    [TestMethod]
    public async Task Zip_WarmServes_NeverRebuild()
    {
        using var builds = MetricCounter.Start(Get<GoProxyMetrics>().Builds);
        for (var i = 0; i < 3; i++)
            Assert.AreEqual(HttpStatusCode.OK, (await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.0.zip"))).StatusCode);
        Assert.AreEqual(1, builds.Value, "a zip built by this process must be served from the cache afterwards");
    }

    [TestMethod]
    public async Task Zip_TruncatedCacheFile_IsRebuiltWithTheSameHash()
    {
        using var builds = MetricCounter.Start(Get<GoProxyMetrics>().Builds);
        var first = await (await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.0.zip"))).Content.ReadAsByteArrayAsync();
        var h1 = DirHash.HashZip(new MemoryStream(first));
        var cached = Directory.GetFiles(Path.Combine(Get<InstanceSettings>().CachePath, "go-zips"), "*.zip", SearchOption.AllDirectories).Single();
        using (var file = new FileStream(cached, FileMode.Open)) file.SetLength(first.Length / 2);

        var second = await BasicClient(_m.Token).GetAsync(_m.Url("@v/v1.0.0.zip"));
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        var bytes = await second.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(h1, DirHash.HashZip(new MemoryStream(bytes)));
        using (var zip = new ZipArchive(new MemoryStream(bytes))) Assert.AreEqual(2, zip.Entries.Count);
        Assert.AreEqual(2, builds.Value);
    }

    [TestMethod]
    public async Task Zip_ConditionalRangeAndHead_AreAnsweredFromTheCache()
    {
        var client = BasicClient(_m.Token);
        var full = await client.GetAsync(_m.Url("@v/v1.0.0.zip"));
        var bytes = await full.Content.ReadAsByteArrayAsync();
        var etag = full.Headers.ETag!;

        var conditional = new HttpRequestMessage(HttpMethod.Get, _m.Url("@v/v1.0.0.zip"));
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.AreEqual(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.AreEqual(0, (await notModified.Content.ReadAsByteArrayAsync()).Length);

        var range = new HttpRequestMessage(HttpMethod.Get, _m.Url("@v/v1.0.0.zip"));
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, 13);
        var partial = await client.SendAsync(range);
        Assert.AreEqual(HttpStatusCode.PartialContent, partial.StatusCode);
        CollectionAssert.AreEqual(bytes[4..14], await partial.Content.ReadAsByteArrayAsync());

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, _m.Url("@v/v1.0.0.zip")));
        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual(bytes.Length, head.Content.Headers.ContentLength);
        Assert.AreEqual(etag, head.Headers.ETag);
        Assert.AreEqual(0, (await head.Content.ReadAsByteArrayAsync()).Length);
    }
}
