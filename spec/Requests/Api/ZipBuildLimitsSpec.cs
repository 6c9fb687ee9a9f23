using System.Net;
using System.Text;
using Dapper;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// Cold zip builds within the machine's limits (GitLab:GoProxy:ZipBuilds): a few at a time, `git archive`
/// extractions within a temporary-disk budget, the rest waiting a bounded time and then refused with 503 +
/// Retry-After; a version the zip rules refuse is answered at once from then on; and no temporary file outlives its
/// build, whatever way the build ends. Every version here has a .gitattributes that rewrites content, so every
/// build extracts with git archive.
/// </summary>
[TestClass]
public sealed class ZipBuildLimitsSpec : RequestSpec
{
    private const int Versions = 16;
    // 200 KiB of LF text each: eol=crlf makes it ~203 KiB on disk, and a build reserves twice the blobs (~400 KiB).
    private const int FileBytes = 200 << 10;
    private GoModuleFixture _m = null!;

    [TestInitialize]
    public async Task CreateModule()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        _m = await GoModuleFixture.CreateAsync(Services, Client(token), admin, token, "big", new Dictionary<string, string?> { [".gitattributes"] = "*.txt eol=crlf\n" }, tag: null);
        for (var i = 0; i < Versions; i++)
        {
            await _m.Git.CommitAsync("data.txt", Text(i, FileBytes));
            await _m.Git.TagAsync($"v1.0.{i}");
        }
        await _m.PushAsync();
    }

    [TestCleanup]
    public void DisposeFixture() => _m.Dispose();

    private static string Text(int seed, int bytes)
    {
        var line = $"version {seed} {new string('x', 50)}\n";
        return new StringBuilder(bytes + line.Length).Insert(0, line, bytes / line.Length).ToString();
    }

    private static WebApplicationFactory<Program> App(params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting($"{ZipBuildOptions.Section}:{key}", value);
        });

    private string Url(int version) => _m.Url($"@v/v1.0.{version}.zip");

    private HttpClient ClientOf(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", _m.Token);
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    private static string CachePath => Get<InstanceSettings>().CachePath;

    /// <summary>What builds may leave behind while they run: extraction directories and temp zips.</summary>
    private static IReadOnlyList<string> Leftovers() =>
        [.. Directory.Exists(CachePath) ? Directory.EnumerateDirectories(CachePath, "archive-*") : [],
         .. Directory.Exists(CachePath) ? Directory.EnumerateFiles(CachePath, "*.tmp", SearchOption.AllDirectories) : []];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    private async Task AssertZipAsync(HttpResponseMessage response, int version)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(bytes));
        var expected = DirHash.Hash1([
            ($"{_m.ModulePath}@v1.0.{version}/.gitattributes", "*.txt eol=crlf\n"u8.ToArray()),
            ($"{_m.ModulePath}@v1.0.{version}/data.txt", Encoding.UTF8.GetBytes(Text(version, FileBytes).ReplaceLineEndings("\r\n"))),
            ($"{_m.ModulePath}@v1.0.{version}/go.mod", Encoding.UTF8.GetBytes($"module {_m.ModulePath}\n"))]);
        Assert.AreEqual(expected, DirHash.HashZip(new MemoryStream(bytes)), $"v1.0.{version}");
    }

    [TestMethod]
    public async Task SixteenParallelColdRequests_StayWithinTheBuildAndDiskLimits_AndLeaveNothingInTemp()
    {
        const long disk = 600 << 10;
        using var app = App(("MaxConcurrent", "2"), ("MaxQueued", "16"), ("QueueSeconds", "240"), ("ArchiveTempMaxBytes", disk.ToString()));
        var metrics = app.Services.GetRequiredService<GoProxyMetrics>();
        using var active = MetricCounter.Start(metrics.Active);
        using var reserved = MetricCounter.Start(metrics.ArchiveTempBytes);
        using var extractions = MetricCounter.Start(metrics.Extractions);
        var client = ClientOf(app);

        var responses = await Task.WhenAll(Enumerable.Range(0, Versions).Select(v => client.GetAsync(Url(v))));

        for (var v = 0; v < Versions; v++) await AssertZipAsync(responses[v], v);
        Assert.AreEqual(Versions, extractions.Value);
        Assert.AreEqual(2, active.Peak, "two builds at a time, and the limit was reached");
        Assert.IsTrue(reserved.Peak is > 0 and <= disk, $"temporary disk peaked at {reserved.Peak} bytes");
        Assert.AreEqual(0, active.Value);
        Assert.AreEqual(0, reserved.Value);
        CollectionAssert.AreEqual(Array.Empty<string>(), Leftovers().ToArray());
    }

    [TestMethod]
    public async Task PastTheQueue_RequestsGet503WithRetryAfter_AndAreServedWhenTheyRetry()
    {
        using var app = App(("MaxConcurrent", "1"), ("MaxQueued", "1"), ("RetryAfterSeconds", "7"));
        using var refused = MetricCounter.Start(app.Services.GetRequiredService<GoProxyMetrics>().Refused);
        var client = ClientOf(app);

        var responses = await Task.WhenAll(Enumerable.Range(0, Versions).Select(v => client.GetAsync(Url(v))));

        var busy = Enumerable.Range(0, Versions).Where(v => responses[v].StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.IsNotEmpty(busy, "one build and one waiting: the others are refused");
        Assert.AreEqual(busy.Count, refused.Value);
        foreach (var v in busy)
        {
            Assert.AreEqual("7", responses[v].Headers.RetryAfter?.ToString());
            StringAssert.Contains(await responses[v].Content.ReadAsStringAsync(), "try again shortly");
        }
        foreach (var v in Enumerable.Range(0, Versions).Except(busy)) await AssertZipAsync(responses[v], v);
        // A refusal is not a failure: nothing is recorded, and the retry builds.
        foreach (var v in busy) await AssertZipAsync(await client.GetAsync(Url(v)), v);
        CollectionAssert.AreEqual(Array.Empty<string>(), Leftovers().ToArray());
    }

    [TestMethod]
    public async Task CancelledRequest_StopsItsBuild_AndRemovesItsTemporaryFiles()
    {
        await _m.Git.CommitAsync("data.txt", Text(99, 64 << 20));
        await _m.Git.TagAsync("v1.1.0");
        await _m.PushAsync();
        using var app = App();
        using var active = MetricCounter.Start(app.Services.GetRequiredService<GoProxyMetrics>().Active);
        using var cancel = new CancellationTokenSource();

        var request = ClientOf(app).GetAsync(_m.Url("@v/v1.1.0.zip"), cancel.Token);
        await WaitUntilAsync(() => Leftovers().Count > 0, "the build has temporary files");
        await cancel.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => request);

        await WaitUntilAsync(() => active.Value == 0 && Leftovers().Count == 0, "the abandoned build has stopped and cleaned up");
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        var (zipH1, zipError) = await conn.QuerySingleAsync<(string?, string?)>("SELECT zip_h1, zip_error FROM packages_go_ledger_entries WHERE version = 'v1.1.0'");
        Assert.IsNull(zipH1);
        Assert.IsNull(zipError, "a cancelled build says nothing about the version");
    }

    [TestMethod]
    public async Task RefusedVersion_IsAnsweredAtOnce_WithoutASecondExtraction_InAnyProcess()
    {
        await _m.Git.CommitAsync(new Dictionary<string, string?> { ["A.txt"] = "upper\n", ["a.txt"] = "lower\n" });
        await _m.Git.TagAsync("v1.2.0");
        await _m.PushAsync();
        var url = _m.Url("@v/v1.2.0.zip");
        using var extractions = MetricCounter.Start(Get<GoProxyMetrics>().Extractions);

        for (var i = 0; i < 3; i++)
        {
            var response = await Client(_m.Token).GetAsync(url);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "case-insensitive file name collision");
        }
        Assert.AreEqual(1, extractions.Value);

        using var other = App();
        using var otherExtractions = MetricCounter.Start(other.Services.GetRequiredService<GoProxyMetrics>().Extractions);
        var again = await ClientOf(other).GetAsync(url);
        Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode);
        StringAssert.Contains(await again.Content.ReadAsStringAsync(), "case-insensitive file name collision");
        Assert.AreEqual(0, otherExtractions.Value);
        CollectionAssert.AreEqual(Array.Empty<string>(), Leftovers().ToArray());
    }
}
