using System.Diagnostics;

namespace GitLabLite.Bench;

/// <summary>Runs external tools (git, bash, wrk, nginx) and times them.</summary>
public static class Shell
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? cwd = null, Func<Stream, Task>? stdin = null,
        IReadOnlyDictionary<string, string>? env = null, bool allowFailure = false)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, WorkingDirectory = cwd ?? "" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await stdin(p.StandardInput.BaseStream);
            p.StandardInput.Close();
        }
        await p.WaitForExitAsync();
        if (p.ExitCode != 0 && !allowFailure) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }

    public static Task<string> BashAsync(string script, string? cwd = null) => RunAsync("bash", ["-c", script], cwd);

    /// <summary>Wall time of each of <paramref name="n"/> runs of <paramref name="action"/>, in milliseconds.</summary>
    public static async Task<List<double>> TimeAsync(int n, Func<int, Task> action)
    {
        var samples = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action(i);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return samples;
    }

    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string P50P99(IReadOnlyList<double> samples) => $"p50 {Percentile(samples, 50):0.00} ms, p99 {Percentile(samples, 99):0.00} ms";

    /// <summary>
    /// User + system CPU time the processes have used so far (/proc/&lt;pid&gt;/stat), with their live children's: a
    /// server's cost per request that, unlike requests/s, hardly depends on what else runs on the machine.
    /// </summary>
    public static TimeSpan CpuTime(int pid)
    {
        var pids = new List<int> { pid };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var child) && StatFields(child) is { } f && f[1] == pid.ToString()) pids.Add(child);
        // utime and stime are the 12th and 13th fields after the command name, in clock ticks (USER_HZ, 100 on Linux).
        return TimeSpan.FromSeconds(pids.Sum(p => StatFields(p) is { } f ? long.Parse(f[11]) + long.Parse(f[12]) : 0) / 100.0);
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Listening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
