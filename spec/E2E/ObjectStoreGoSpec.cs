using System.Net;
using System.Text;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// The real go command through a node that keeps zips in object storage and answers with presigned redirects
/// (ProxyDownload=false): go follows the 302 from the app (HTTPS, token from NETRC) to the store (HTTPS, another
/// host) and verifies the module. The store refuses any request carrying an Authorization header next to the
/// presigned query, so a download that succeeds is one that sent the storage host no credentials.
/// </summary>
[TestClass]
public sealed class ObjectStoreGoSpec
{
    [TestMethod]
    public async Task ModDownload_ThroughPresignedRedirects_VerifiesTheModule()
    {
        await using var cluster = await ObjectStoreCluster.StartAsync("gostore");
        using var certificate = SelfSignedCertificate.Create(IPAddress.Loopback);
        var node = await cluster.StartNodeAsync(proxyDownload: false, certificate: certificate);
        const string Source = "package hello\n\nfunc Greeting() string { return \"hello from the bucket\" }\n";
        string? goMod = null;
        var (id, module) = await cluster.CreateModuleAsync(node, "stored", async (git, path) =>
        {
            goMod = $"module {path}\n\ngo 1.19\n";
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = goMod, ["hello/hello.go"] = Source });
            await git.TagAsync("v1.0.0");
        });
        var trusted = Path.Combine(cluster.RepositoriesPath, "..", "trusted.pem");
        SelfSignedCertificate.WritePem(certificate, trusted);
        await File.AppendAllTextAsync(trusted, await File.ReadAllTextAsync(cluster.Store.CaFile));
        using var go = new GoCli("127.0.0.1", node.BaseUrl, trusted);
        go.UseCredentials("root", ObjectStoreCluster.RootToken);

        var result = (await go.DownloadAsync(new Dictionary<string, string> { ["GOPROXY"] = go.ProxyFor(id) }, [$"{module}@v1.0.0"])).Single();

        Assert.IsNull(result.Error, result.Error);
        var prefix = $"{module}@v1.0.0/";
        Assert.AreEqual(DirHash.Hash1([(prefix + "go.mod", Encoding.UTF8.GetBytes(goMod!)), (prefix + "hello/hello.go", Encoding.UTF8.GetBytes(Source))]), result.Sum);
        var metrics = await ObjectStoreCluster.MetricsAsync(node);
        Assert.AreEqual(1, metrics.Sum("gitlablite_http_request_duration_seconds_count", ("kind", "go_zip"), ("status", "302")), "the zip came through a redirect");
        Assert.IsGreaterThanOrEqualTo(1, metrics.Sum("gitlablite_object_store_operations_total", ("operation", "presign")));
    }
}
