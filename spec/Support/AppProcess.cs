using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

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

    /// <summary>Starts the app; <paramref name="env"/> adds to (or overrides) the spec run's environment.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> env, int? port = null)
    {
        var chosen = port ?? FreePort();
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot, "app", "bin", config, "net10.0", "GitLabLite.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.Environment["GitLab__Url"] = $"http://127.0.0.1:{chosen}";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in env) start.Environment[key] = value;
        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), chosen);
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
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
