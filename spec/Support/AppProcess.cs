using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The app as a real separate process (`dotnet app/bin/&lt;config&gt;/net10.0/GitLabLite.dll`) on a free loopback port,
/// for specs that kill it (SIGKILL) or run two of them. It reads the same environment variables an operator sets.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly X509Certificate2? _certificate;

    private AppProcess(Process process, int port, X509Certificate2? certificate)
    {
        _process = process;
        Port = port;
        _certificate = certificate;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string BaseUrl => $"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GitLabLite.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>
    /// Starts the app; <paramref name="env"/> adds to (or overrides) the spec run's environment. With a
    /// <paramref name="certificate"/> (for 127.0.0.1) it serves HTTPS only, from PEM files as an operator configures it.
    /// </summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> env, int? port = null, X509Certificate2? certificate = null)
    {
        var chosen = port ?? FreePort();
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot, "app", "bin", config, "net10.0", "GitLabLite.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        var scheme = certificate is null ? "http" : "https";
        start.Environment["ASPNETCORE_URLS"] = $"{scheme}://127.0.0.1:{chosen}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.Environment["GitLab__Url"] = $"{scheme}://127.0.0.1:{chosen}";
        if (certificate is not null)
        {
            var pem = Directory.CreateTempSubdirectory("gitlablite-app-tls-").FullName;
            SelfSignedCertificate.WritePem(certificate, Path.Combine(pem, "cert.pem"));
            File.WriteAllText(Path.Combine(pem, "key.pem"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            start.Environment["Kestrel__Certificates__Default__Path"] = Path.Combine(pem, "cert.pem");
            start.Environment["Kestrel__Certificates__Default__KeyPath"] = Path.Combine(pem, "key.pem");
        }
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in env) start.Environment[key] = value;
        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), chosen, certificate);
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public HttpClient Client(string? token = null, bool followRedirects = true)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => _certificate is null || presented?.Thumbprint == _certificate.Thumbprint,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    /// <summary>Waits for /-/readiness to answer 200 (migrations done, Kestrel listening).</summary>
    public async Task WaitReadyAsync(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        using var client = Client();
        client.Timeout = TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"app exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/-/readiness")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"app not ready:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what a power cut or OOM killer does.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM: the graceful shutdown systemd and docker ask for.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    public bool WaitForExit(TimeSpan within) => _process.WaitForExit(within);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
