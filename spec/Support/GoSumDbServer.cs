using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The local checksum database (spec/tools/sumdb: Go's own sumdb.Server and TestServer, built in GOPATH mode from
/// Debian's golang-golang-x-mod-dev, no network). It records the modules of a GOPROXY directory tree on first
/// lookup and signs with a key made at start: <see cref="VerifierKey"/>. Every request is logged.
/// </summary>
public sealed class GoSumDbServer : IDisposable
{
    public const string DefaultName = "sum.gitlablite.test";

    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _requests = new();

    private GoSumDbServer(Process process, string verifierKey, string url)
    {
        _process = process;
        VerifierKey = verifierKey;
        Url = url;
    }

    public string Name => VerifierKey.Split('+')[0];

    public string VerifierKey { get; }

    public string Url { get; }

    /// <summary>"status path" per request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<GoSumDbServer> StartAsync(string goproxyDir, string name = DefaultName)
    {
        var binary = await BuildAsync();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-name", name, "-dir", goproxyDir, "-listen", "127.0.0.1:0" }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("sumdb did not start");
        var vkey = (await process.StandardOutput.ReadLineAsync())?.Split(' ', 2) is ["vkey", var k] ? k : throw new InvalidOperationException("sumdb printed no key: " + await process.StandardError.ReadToEndAsync());
        var url = (await process.StandardOutput.ReadLineAsync())?.Split(' ', 2) is ["url", var u] ? u : throw new InvalidOperationException("sumdb printed no url");
        var server = new GoSumDbServer(process, vkey, url);
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line) server._requests.Enqueue(line);
        });
        _ = process.StandardError.ReadToEndAsync();
        return server;
    }

    /// <summary>bin/test builds tmp/bin/sumdb; a run of dotnet test alone builds it here, the same way.</summary>
    private static async Task<string> BuildAsync()
    {
        var root = AppProcess.RepositoryRoot;
        var binary = Path.Combine(root, "tmp", "bin", "sumdb");
        var source = Path.Combine(root, "spec", "tools", "sumdb", "main.go");
        await BuildLock.WaitAsync();
        try
        {
            if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)) return binary;
            var env = new Dictionary<string, string>
            {
                ["GO111MODULE"] = "off",
                ["GOPATH"] = "/usr/share/gocode",
                ["GOCACHE"] = Path.Combine(root, "tmp", "gocache"),
                ["GOFLAGS"] = "",
                ["GOTOOLCHAIN"] = "local",
                ["GOPROXY"] = "off",
            };
            var result = await SpecProcess.RunAsync("go", root, ["build", "-o", binary, "./spec/tools/sumdb"], env, TimeSpan.FromMinutes(3));
            if (!result.Ok) throw new InvalidOperationException($"building the test checksum database failed (is golang-golang-x-mod-dev installed?):\n{result.Stderr}");
            return binary;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
