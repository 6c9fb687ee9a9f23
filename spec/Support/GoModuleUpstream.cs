using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A local stand-in for proxy.golang.org: public modules (github.com/... paths) are committed and tagged in local git
/// repositories, downloaded with the real go command (GOPROXY=direct, git rewritten to file:// URLs and allowed no
/// other transport, so nothing leaves the machine), and the module cache's download tree, which is a GOPROXY tree,
/// is served over HTTPS by Kestrel. <see cref="TruthDir"/> keeps the original bytes (the checksum database records
/// them); <see cref="ServedDir"/> is what is served and may be tampered with. Every request is logged.
/// </summary>
public sealed class GoModuleUpstream : IDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly string _root;
    private WebApplication? _app;

    private GoModuleUpstream(string root, int port)
    {
        _root = root;
        Port = port;
        Certificate = SelfSignedCertificate.Create(IPAddress.Loopback);
        CaFile = Path.Combine(root, "upstream-ca.pem");
        SelfSignedCertificate.WritePem(Certificate, CaFile);
    }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    public X509Certificate2 Certificate { get; }

    /// <summary>PEM of the server's certificate, for clients that must trust it (go: SSL_CERT_FILE).</summary>
    public string CaFile { get; }

    public string TruthDir => Path.Combine(_root, "truth");

    public string ServedDir => Path.Combine(_root, "served");

    /// <summary>Request paths received so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Builds the modules (several versions of one path become tags of one repository) and starts serving.</summary>
    public static async Task<GoModuleUpstream> StartAsync(IEnumerable<UpstreamModule> modules)
    {
        var root = Directory.CreateTempSubdirectory("gitlablite-upstream-").FullName;
        var upstream = new GoModuleUpstream(root, AppProcess.FreePort());
        await upstream.DownloadAsync([.. modules]);
        CopyDirectory(upstream.TruthDir, upstream.ServedDir);
        await upstream.StartServingAsync();
        return upstream;
    }

    /// <summary>Whether any request named a path under <paramref name="prefix"/> (escaped as go escapes it).</summary>
    public bool Received(string prefix) => _requests.Any(r => r.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal));

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task StartServingAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port, l => l.UseHttps(Certificate)));
        var app = builder.Build();
        app.Run(ServeAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Replaces one file inside the served zip of a version (the bytes the checksum database saw stay in TruthDir).</summary>
    public void TamperZip(string escapedModulePath, string version, string fileInZip, string newContent)
    {
        var zipPath = Path.Combine(ServedDir, escapedModulePath, "@v", version + ".zip");
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("/" + fileInZip, StringComparison.Ordinal));
        var name = entry.FullName;
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(newContent);
    }

    private async Task ServeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        _requests.Enqueue(path);
        var relative = path.TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(ServedDir, relative));
        if (relative.Contains("..", StringComparison.Ordinal) || !file.StartsWith(ServedDir + "/", StringComparison.Ordinal) || !File.Exists(file))
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync($"not found: {relative}\n");
            return;
        }
        http.Response.ContentType = Path.GetExtension(file) switch
        {
            ".zip" => "application/zip",
            ".info" => "application/json",
            _ => "text/plain; charset=utf-8",
        };
        await http.Response.SendFileAsync(file);
    }

    /// <summary>go mod download of every version from local repositories, into a private module cache.</summary>
    private async Task DownloadAsync(IReadOnlyList<UpstreamModule> modules)
    {
        var repos = Path.Combine(_root, "repos");
        using var git = new GitCli();
        foreach (var byPath in modules.GroupBy(m => m.Path))
        {
            var repo = Path.Combine(repos, byPath.Key["github.com/".Length..]);
            Directory.CreateDirectory(repo);
            await git.MustAsync(repo, "init", "-q", "-b", "main");
            foreach (var version in byPath)
            {
                foreach (var f in Directory.EnumerateFiles(repo).Where(f => !f.Contains("/.git")).ToList()) File.Delete(f);
                foreach (var (name, content) in version.Files)
                {
                    var target = Path.Combine(repo, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await File.WriteAllTextAsync(target, content);
                }
                await git.MustAsync(repo, "add", "-A");
                await git.MustAsync(repo, "commit", "-q", "-m", version.Version);
                await git.MustAsync(repo, "tag", version.Version);
            }
        }
        var gitConfig = Path.Combine(_root, "gitconfig");
        await File.WriteAllTextAsync(gitConfig, $"[url \"file://{repos}/\"]\n\tinsteadOf = https://github.com/\n");
        var env = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _root,
            ["GOPATH"] = Path.Combine(_root, "gopath"),
            ["GOMODCACHE"] = Path.Combine(_root, "modcache"),
            ["GOCACHE"] = Path.Combine(_root, "gocache"),
            ["GOENV"] = "off",
            ["GOFLAGS"] = "-modcacherw",
            ["GOTOOLCHAIN"] = "local",
            ["GO111MODULE"] = "on",
            ["GOPROXY"] = "direct",
            ["GOSUMDB"] = "off",
            ["GIT_CONFIG_GLOBAL"] = gitConfig,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            // The rewrite above makes every github.com URL a local one; git may use no network transport at all.
            ["GIT_ALLOW_PROTOCOL"] = "file",
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
        var result = await SpecProcess.RunAsync("go", _root, ["mod", "download", "-json", .. modules.Select(m => $"{m.Path}@{m.Version}")], env, TimeSpan.FromMinutes(3), clearEnvironment: true);
        if (!result.Ok) throw new InvalidOperationException($"go mod download failed:\n{result.Stdout}\n{result.Stderr}");
        CopyDirectory(Path.Combine(_root, "modcache", "cache", "download"), TruthDir);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".lock", StringComparison.Ordinal) || file.EndsWith(".ziphash", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose()
    {
        StopAsync().GetAwaiter().GetResult();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp eventually.
        }
    }
}
