using System.Diagnostics;

namespace GitLabLite.Bench;

/// <summary>
/// The specs' checksum database (spec/tools/sumdb, built by bin/bench as bin/test builds it): Go's own sumdb server,
/// recording the versions of a GOPROXY directory tree on their first lookup, signing with a key made at start.
/// </summary>
public sealed class SumDb : IDisposable
{
    private readonly Process _process;

    private SumDb(Process process, string verifierKey, string url)
    {
        _process = process;
        VerifierKey = verifierKey;
        Url = url;
    }

    public string VerifierKey { get; }

    public string Url { get; }

    public static async Task<SumDb> StartAsync(string binary, string goproxyDir)
    {
        var process = Process.Start(new ProcessStartInfo(binary, ["-dir", goproxyDir]) { RedirectStandardOutput = true })!;
        var key = (await process.StandardOutput.ReadLineAsync())?.Split(' ', 2) is ["vkey", var k] ? k : throw new InvalidOperationException($"{binary} printed no key");
        var url = (await process.StandardOutput.ReadLineAsync())?.Split(' ', 2) is ["url", var u] ? u : throw new InvalidOperationException($"{binary} printed no url");
        // It logs a line per request: read on, so that it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return new SumDb(process, key, url);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
