using System.Globalization;
using System.Text.RegularExpressions;

namespace GitLabLite.Bench;

/// <summary>One wrk run's figures: requests/s, latency percentiles, throughput and failures.</summary>
public sealed partial record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, double MiBPerSecond, long Requests, long Non2xx, long SocketErrors)
{
    /// <summary>
    /// Runs wrk with <paramref name="connections"/> keep-alive connections for <paramref name="seconds"/> seconds.
    /// wrk (C, epoll) costs the shared cores less than a .NET or Go client would, for the app and nginx alike.
    /// </summary>
    public static async Task<WrkResult> RunAsync(string url, int connections, int seconds, params string[] headers)
    {
        var args = new List<string> { $"-t{Math.Min(2, connections)}", $"-c{connections}", $"-d{seconds}s", "--timeout", "30s", "--latency" };
        foreach (var header in headers) { args.Add("-H"); args.Add(header); }
        args.Add(url);
        var output = await Shell.RunAsync("wrk", args);
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrorsPattern().Match(output);
        return new WrkResult(
            Number(RequestsPerSecondPattern()),
            Latency(output, "50%"),
            Latency(output, "99%"),
            Transfer(output),
            (long)Number(RequestsPattern()),
            (long)Number(Non2xxPattern()),
            errors.Success ? errors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s+{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Transfer(string output)
    {
        var m = TransferPattern().Match(output);
        if (!m.Success) return 0;
        var unit = m.Groups[2].Value switch { "GB" => 1024.0, "MB" => 1.0, "KB" => 1 / 1024.0, _ => 1 / 1048576.0 };
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * unit;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"Transfer/sec:\s+([\d.]+)(\w+)")]
    private static partial Regex TransferPattern();
}
