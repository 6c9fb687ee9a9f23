using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using GitLabLite.Golang;
using GitLabLite.Services.ObjectStorage;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Module zips in a real S3-compatible store shared by app processes with caches of their own: a zip built on one
/// node is served by another without a rebuild, two nodes never build the same zip at once, a half-uploaded or
/// damaged object is never served, an unreachable store costs only what is not cached locally (503, then recovery
/// by itself), without ProxyDownload clients are sent to a presigned URL, and a bucket that does not exist is named
/// (the app never creates one).
/// </summary>
[TestClass]
public sealed class ObjectStoreSpec
{
    private static ObjectStoreCluster _cluster = null!;
    private static AppProcess _a = null!;
    private static AppProcess _b = null!;

    [ClassInitialize]
    public static async Task StartCluster(TestContext _)
    {
        _cluster = await ObjectStoreCluster.StartAsync("objects");
        _a = await _cluster.StartNodeAsync();
        _b = await _cluster.StartNodeAsync();
    }

    [ClassCleanup]
    public static async Task StopCluster() => await _cluster.DisposeAsync();

    private static Task<(long Id, string Module)> SmallModuleAsync(string name) =>
        _cluster.CreateModuleAsync(_a, name, async (git, module) =>
        {
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {module}\n", ["a.go"] = "package a\n" });
            await git.TagAsync("v1.0.0");
            await git.CommitAsync("b.go", "package a\n");
            await git.TagAsync("v1.1.0");
        });

    private static async Task<byte[]> ZipAsync(AppProcess node, long id, string module, string version = "v1.0.0")
    {
        using var client = node.Client(ObjectStoreCluster.RootToken);
        var response = await client.GetAsync(ObjectStoreCluster.ZipUrl(id, module, version));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, System.Text.Encoding.UTF8.GetString(body));
        return body;
    }

    private static Dictionary<string, string> Bucket(string name) => new() { ["GitLab__ObjectStore__Bucket"] = name };

    private static Task<IReadOnlyList<string>> BucketKeysAsync() => Task.FromResult(_cluster.Store.ObjectKeys());

    [TestMethod]
    public async Task Zip_BuiltOnOneNode_IsServedByAnotherWithoutARebuild()
    {
        var (id, module) = await SmallModuleAsync("shared");
        var buildsA = await ObjectStoreCluster.BuildsAsync(_a);
        var buildsB = await ObjectStoreCluster.BuildsAsync(_b);

        var before = await BucketKeysAsync();
        var fromA = await ZipAsync(_a, id, module);
        var added = (await BucketKeysAsync()).Except(before).Order().ToList();
        Assert.HasCount(2, added, string.Join(", ", added));
        Assert.AreEqual(added[1][..^".zip".Length] + ".json", added[0], "the zip and its sidecar, side by side");
        var fromB = await ZipAsync(_b, id, module);
        await ZipAsync(_b, id, module);

        CollectionAssert.AreEqual(fromA, fromB);
        Assert.AreEqual(buildsA + 1, await ObjectStoreCluster.BuildsAsync(_a));
        Assert.AreEqual(buildsB, await ObjectStoreCluster.BuildsAsync(_b), "node B built a zip node A had stored");
        var metricsB = await ObjectStoreCluster.MetricsAsync(_b);
        Assert.IsGreaterThanOrEqualTo(1, metricsB.Sum("gitlablite_object_store_operations_total", ("operation", "download")));
        Assert.IsGreaterThanOrEqualTo(1, metricsB.Sum("gitlablite_go_proxy_zip_cache_hits_total"), "the second request on B is served from its disk");
    }

    [TestMethod]
    public async Task Zip_ColdOnTwoNodesAtOnce_IsBuiltOnce()
    {
        var (id, module) = await SmallModuleAsync("together");
        var before = await ObjectStoreCluster.BuildsAsync(_a) + await ObjectStoreCluster.BuildsAsync(_b);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ZipAsync(i % 2 == 0 ? _a : _b, id, module, "v1.1.0")));

        Assert.AreEqual(1, bodies.Select(Convert.ToBase64String).Distinct().Count());
        Assert.AreEqual(before + 1, await ObjectStoreCluster.BuildsAsync(_a) + await ObjectStoreCluster.BuildsAsync(_b), "one build across both nodes");
    }

    [TestMethod]
    public async Task Zip_WhoseStoredObjectDoesNotMatchItsSidecar_IsRebuiltNotServed()
    {
        var (id, module) = await SmallModuleAsync("damaged");
        var before = await BucketKeysAsync();
        var good = await ZipAsync(_a, id, module);
        var zipKey = (await BucketKeysAsync()).Except(before).Single(k => k.EndsWith(".zip"));
        using (var s3 = _cluster.Store.Client())
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = S3rverProcess.Bucket, Key = zipKey, InputStream = new MemoryStream(good[..(good.Length / 2)]) });
        var buildsB = await ObjectStoreCluster.BuildsAsync(_b);

        var fromB = await ZipAsync(_b, id, module);

        CollectionAssert.AreEqual(good, fromB, "node B served the truncated object");
        Assert.AreEqual(buildsB + 1, await ObjectStoreCluster.BuildsAsync(_b), "the damaged object is rebuilt");
        using var repaired = _cluster.Store.Client();
        using var stored = await repaired.GetObjectAsync(S3rverProcess.Bucket, zipKey);
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        CollectionAssert.AreEqual(good, copy.ToArray(), "the rebuild replaced the damaged object");
    }

    [TestMethod]
    public async Task Zip_HalfUploadedByANodeThatDied_IsNeverServed()
    {
        // ~10 MiB of zip that hardly compresses: a multipart upload of two parts, frozen early in the second.
        var (id, module) = await _cluster.CreateModuleAsync(_a, "large", async (git, path) =>
        {
            var files = new Dictionary<string, string?> { ["go.mod"] = $"module {path}\n" };
            for (var i = 0; i < 2; i++) files[$"blob{i}.txt"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(5 << 20));
            await git.CommitAsync(files);
            await git.TagAsync("v1.0.0");
        });
        var victim = await _cluster.StartNodeAsync();
        var before = await BucketKeysAsync();
        _cluster.Relay.HoldUploadsAfter(S3ObjectStore.PartSize + (256 << 10));
        using var dying = victim.Client(ObjectStoreCluster.RootToken);
        var request = dying.GetAsync(ObjectStoreCluster.ZipUrl(id, module, "v1.0.0"));
        try
        {
            await _cluster.Relay.Held.WaitAsync(TimeSpan.FromMinutes(2));
            victim.Kill();
        }
        finally
        {
            _cluster.Relay.Release();
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.IsEmpty((await BucketKeysAsync()).Except(before), "nothing of the interrupted upload is visible");
        var buildsB = await ObjectStoreCluster.BuildsAsync(_b);

        var zip = await ZipAsync(_b, id, module);

        Assert.AreEqual(buildsB + 1, await ObjectStoreCluster.BuildsAsync(_b), "node B built it after the dead node's lease ran out");
        Assert.IsNotNull(DirHash.HashZip(new MemoryStream(zip)), "a whole zip");
        Assert.HasCount(2, (await BucketKeysAsync()).Except(before), "the zip and its sidecar");
    }

    [TestMethod]
    public async Task Zip_WithTheStoreUnreachable_Is503UnlessCachedLocally_ThenRecoversByItself()
    {
        var (id, module) = await SmallModuleAsync("outage");
        await ZipAsync(_a, id, module);
        _cluster.Relay.Stop();
        try
        {
            await ZipAsync(_a, id, module);
            using var client = _b.Client(ObjectStoreCluster.RootToken);
            var unavailable = await client.GetAsync(ObjectStoreCluster.ZipUrl(id, module, "v1.1.0"));
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode, await unavailable.Content.ReadAsStringAsync());
            Assert.IsNotNull(unavailable.Headers.RetryAfter);
        }
        finally
        {
            _cluster.Relay.Start();
        }
        using var recovering = _b.Client(ObjectStoreCluster.RootToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        do
        {
            status = (await recovering.GetAsync(ObjectStoreCluster.ZipUrl(id, module, "v1.1.0"))).StatusCode;
            if (status == HttpStatusCode.OK) break;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.AreEqual(HttpStatusCode.OK, status, "the node did not recover once the store was back");
    }

    [TestMethod]
    public async Task Zip_WithoutProxyDownload_RedirectsToAShortLivedPresignedUrl()
    {
        var (id, module) = await SmallModuleAsync("redirected");
        var streamed = await ZipAsync(_a, id, module);
        var redirecting = await _cluster.StartNodeAsync(proxyDownload: false);
        using var client = redirecting.Client(ObjectStoreCluster.RootToken, followRedirects: false);

        var response = await client.GetAsync(ObjectStoreCluster.ZipUrl(id, module, "v1.0.0"));

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.IsTrue(response.Headers.CacheControl?.NoStore, "a presigned URL must not be cached");
        var location = response.Headers.Location!;
        Assert.AreEqual(_cluster.StoreEndpoint, location.GetLeftPart(UriPartial.Authority));
        StringAssert.Contains(location.Query, "X-Amz-Signature=");
        StringAssert.Contains(location.Query, "X-Amz-Expires=60");
        using var anonymous = new HttpClient(_cluster.Store.TrustingHandler());
        CollectionAssert.AreEqual(streamed, await anonymous.GetByteArrayAsync(location), "the presigned URL serves the same zip, without credentials");
        var tampered = new Uri(location.ToString().Replace("X-Amz-Signature=", "X-Amz-Signature=0"));
        Assert.AreEqual(HttpStatusCode.Forbidden, (await anonymous.GetAsync(tampered)).StatusCode, "the store checks the signature");
    }

    [TestMethod]
    public async Task Bucket_ThatDoesNotExist_StopsTheStart_AndOneRemovedLaterIsNamedOnUse()
    {
        using var s3 = _cluster.Store.Client();
        var refused = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => _cluster.StartNodeAsync(settings: Bucket("never-made")));
        StringAssert.Contains(refused.Message, "Object store bucket 'never-made' does not exist at ");
        Assert.IsFalse((await s3.ListBucketsAsync()).Buckets?.Any(b => b.BucketName == "never-made") == true, "the app created the bucket");

        // s3rver keeps a bucket as a directory of its data (and refuses the SDK's signature on bucket-level calls).
        var bucket = Directory.CreateDirectory(Path.Combine(_cluster.Store.DataDirectory, "removed-later"));
        var node = await _cluster.StartNodeAsync(settings: Bucket("removed-later"));
        bucket.Delete(recursive: true);
        var (id, module) = await SmallModuleAsync("bucketless");
        using var client = node.Client(ObjectStoreCluster.RootToken);
        var response = await client.GetAsync(ObjectStoreCluster.ZipUrl(id, module, "v1.0.0"));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, await response.Content.ReadAsStringAsync());
        // The log line is written as the response ends: wait for it, not for a time.
        for (var waited = 0; waited < 100 && !node.Output.Contains("Object store bucket 'removed-later' does not exist at "); waited++) await Task.Delay(100);
        StringAssert.Contains(node.Output, "Object store bucket 'removed-later' does not exist at ");
    }
}
