using System.Diagnostics;
using System.Text.Json;

namespace GitLabLite.Bench;

/// <summary>
/// The S3-compatible server the object-store specs run (spec/s3rver/serve.cjs: node with @20minutes/s3rver, which
/// bin/bench installs as bin/setup --test does), over TLS on loopback with the bench's certificate, one bucket, its
/// data in a directory: the bucket of the app nodes of the `objectstore` and `balanced` sections.
/// </summary>
public sealed class S3Server : IDisposable
{
    private const string Bucket = "modules";
    private const string Key = "S3RVER";

    private readonly Process _process;

    private S3Server(Process process, int port)
    {
        _process = process;
        Endpoint = $"https://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public static async Task<S3Server> StartAsync(string root, string directory, string certPath, string keyPath)
    {
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(root, "spec", "s3rver"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve.cjs", "127.0.0.1", "0", directory, Bucket, keyPath, certPath }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // serve.cjs prints {"port": N} once it listens.
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null) throw new InvalidOperationException($"s3rver did not start: {await process.StandardError.ReadToEndAsync()}");
        return new S3Server(process, JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>The settings of a node on this bucket, streaming zips from its local cache (ProxyDownload).</summary>
    public Dictionary<string, string> NodeSettings(string certPath) => new()
    {
        ["GitLab__ObjectStore__Enabled"] = "true",
        ["GitLab__ObjectStore__Endpoint"] = Endpoint,
        ["GitLab__ObjectStore__Bucket"] = Bucket,
        ["GitLab__ObjectStore__AccessKey"] = Key,
        ["GitLab__ObjectStore__SecretKey"] = Key,
        ["GitLab__ObjectStore__PathStyle"] = "true",
        ["SSL_CERT_FILE"] = certPath,
    };

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
