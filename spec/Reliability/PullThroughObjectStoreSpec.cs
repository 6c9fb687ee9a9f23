using System.Net;
using System.Text.Json;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Pulled public modules on object storage: the .info, .mod and .zip one node pulled (verified against the local
/// checksum database) are entries of the shared bucket, so another node serves them from there with the upstream
/// gone; an administrator's purge removes them from the bucket and from every node's disk.
/// </summary>
[TestClass]
public sealed class PullThroughObjectStoreSpec
{
    private const string Module = "github.com/glt-fixtures/shared";
    private static ObjectStoreCluster _cluster = null!;
    private static GoModuleUpstream _upstream = null!;
    private static GoSumDbServer _sumdb = null!;
    private static AppProcess _a = null!;
    private static AppProcess _b = null!;

    [ClassInitialize]
    public static async Task StartCluster(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([UpstreamModule.Simple(Module, "v1.0.0")]);
        _sumdb = await GoSumDbServer.StartAsync(_upstream.TruthDir);
        _cluster = await ObjectStoreCluster.StartAsync("pulled");
        // The nodes trust the bucket's certificate and the upstream's, nothing else.
        var trusted = Path.Combine(_upstream.TruthDir, "..", "trusted.pem");
        await File.WriteAllTextAsync(trusted, await File.ReadAllTextAsync(_cluster.Store.CaFile) + await File.ReadAllTextAsync(_upstream.CaFile));
        var settings = new Dictionary<string, string>
        {
            ["GitLab__GoProxy__Upstreams__0"] = _upstream.BaseUrl,
            ["GitLab__GoProxy__SumDb__Name"] = _sumdb.Name,
            ["GitLab__GoProxy__SumDb__Key"] = _sumdb.VerifierKey,
            ["GitLab__GoProxy__SumDb__Url"] = _sumdb.Url,
            ["SSL_CERT_FILE"] = trusted,
        };
        _a = await _cluster.StartNodeAsync(settings: settings);
        _b = await _cluster.StartNodeAsync(settings: settings);
    }

    [ClassCleanup]
    public static async Task StopCluster()
    {
        await _cluster.DisposeAsync();
        _sumdb.Dispose();
        _upstream.Dispose();
    }

    private static async Task<HttpResponseMessage> GetAsync(AppProcess node, string file)
    {
        using var client = node.Client(ObjectStoreCluster.RootToken);
        return await client.GetAsync($"/api/v4/packages/go/{Module}/@v/{file}");
    }

    private static async Task<byte[]> OkAsync(AppProcess node, string file)
    {
        using var response = await GetAsync(node, file);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{file}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static byte[] Truth(string file) => File.ReadAllBytes(Path.Combine(_upstream.TruthDir, Module, "@v", file));

    [TestMethod]
    public async Task PulledFiles_AreServedByAnotherNodeFromTheBucket_AndPurgedEverywhere()
    {
        string[] files = ["v1.0.0.info", "v1.0.0.mod", "v1.0.0.zip"];
        var before = _cluster.Store.ObjectKeys();
        foreach (var file in files) CollectionAssert.AreEqual(Truth(file), await OkAsync(_a, file), file);
        var added = _cluster.Store.ObjectKeys().Except(before).ToList();
        Assert.HasCount(6, added, "each file and its sidecar: " + string.Join(", ", added));

        var upstreamRequests = _upstream.Requests.Count;
        await _upstream.StopAsync();
        try
        {
            foreach (var file in files) CollectionAssert.AreEqual(Truth(file), await OkAsync(_b, file), $"{file} from node B, the upstream gone");
            Assert.AreEqual(upstreamRequests, _upstream.Requests.Count);

            using var admin = _a.Client(ObjectStoreCluster.RootToken);
            var listed = JsonDocument.Parse(await admin.GetStringAsync("/api/v4/admin/packages/go/modules")).RootElement;
            var id = listed.EnumerateArray().Single(m => m.GetProperty("module").GetString() == Module).GetProperty("id").GetInt64();
            Assert.AreEqual(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v4/admin/packages/go/modules/{id}")).StatusCode);

            Assert.IsEmpty(_cluster.Store.ObjectKeys().Intersect(added).ToList(), "the purge removed the bucket's objects");
            // Node B dropped its own copies when the purge reached it: with the bucket emptied and the upstream gone,
            // it has nothing left to serve.
            foreach (var file in files)
            {
                using var gone = await GetAsync(_b, file);
                Assert.AreEqual(HttpStatusCode.BadGateway, gone.StatusCode, $"{file}: {await gone.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            await _upstream.StartServingAsync();
        }
    }
}
