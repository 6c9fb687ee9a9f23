using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Spec.Support;

/// <summary>The real `git daemon` (git:// protocol) serving the bare repositories under a directory, on 127.0.0.1.</summary>
public sealed class GitDaemon : IDisposable
{
    private readonly Process _process;

    private GitDaemon(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<GitDaemon> StartAsync(string root)
    {
        var port = AppProcess.FreePort();
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "daemon", "--export-all", "--reuseaddr", $"--base-path={root}", "--listen=127.0.0.1", $"--port={port}", root })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("git daemon did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var daemon = new GitDaemon(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return daemon;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
