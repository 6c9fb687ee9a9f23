using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace GitLabLite.Bench;

/// <summary>
/// The app from its Release build over HTTPS on a free loopback port, configured as an operator would (standard
/// ASP.NET settings, its own logging defaults), its output in a log file rather than through this process.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;

    private readonly bool _tls;

    private AppServer(Process process, int port, string certPath, bool tls)
    {
        _process = process;
        Port = port;
        CertPath = certPath;
        _tls = tls;
    }

    public int Port { get; }

    public string CertPath { get; }

    public string BaseUrl => $"{(_tls ? "https" : "http")}://127.0.0.1:{Port}";

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="tls">False: plain HTTP, as a node behind a balancer that ends TLS.</param>
    public static async Task<AppServer> StartAsync(string appDll, string logPath, string certPath, string keyPath, IReadOnlyDictionary<string, string> env, bool tls = true)
    {
        var port = Shell.FreePort();
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", appDll, logPath]) { UseShellExecute = false };
        var url = $"{(tls ? "https" : "http")}://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (tls)
        {
            start.Environment["Kestrel__Certificates__Default__Path"] = certPath;
            start.Environment["Kestrel__Certificates__Default__KeyPath"] = keyPath;
        }
        start.Environment["GitLab__Url"] = url;
        foreach (var (key, value) in env) start.Environment[key] = value;
        var server = new AppServer(Process.Start(start)!, port, certPath, tls);
        using var http = server.Client();
        for (var i = 0; ; i++)
        {
            try { if ((await http.GetAsync("/-/readiness")).IsSuccessStatusCode) return server; } catch (HttpRequestException) { }
            if (i > 600 || server.HasExited) throw new InvalidOperationException($"app did not start; see {logPath}");
            await Task.Delay(100);
        }
    }

    /// <summary>A client that trusts exactly the bench's certificate.</summary>
    public HttpClient Client(string? token = null)
    {
        var trusted = X509CertificateLoader.LoadCertificateFromFile(CertPath);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        if (token is not null) client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    public long RssBytes() => long.Parse(Regex.Match(File.ReadAllText($"/proc/{Pid}/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value) * 1024;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
