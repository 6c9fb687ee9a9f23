using System.Diagnostics;
using System.Globalization;
using GitLabLite.Initializers;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Removes what a killed zip build leaves behind (temp zips, archive extraction directories) when the app starts.
/// Temp files are never served, so this is housekeeping, not correctness. Several processes may share the cache: a
/// temp file is only removed when its owner process (named in the file) is gone from this host, or when it is older
/// than any build could take.
/// </summary>
public sealed class ZipCacheJanitor(InstanceSettings settings, ILogger<ZipCacheJanitor> logger) : IHostedService
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    /// <summary>"pid@host", embedded in temp file names: "&lt;key&gt;.zip.&lt;pid@host&gt;.&lt;guid&gt;.tmp".</summary>
    public static readonly string OwnerTag = $"{Environment.ProcessId}@{Environment.MachineName.Replace('.', '_')}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        var zips = Path.Combine(settings.CachePath, "go-zips");
        if (Directory.Exists(zips))
            foreach (var temp in Directory.EnumerateFiles(zips, "*.tmp", SearchOption.AllDirectories))
                if (IsStale(temp) && TryDelete(() => File.Delete(temp))) removed++;
        if (Directory.Exists(settings.CachePath))
            foreach (var dir in Directory.EnumerateDirectories(settings.CachePath, "archive-*"))
                if (Older(dir) && TryDelete(() => Directory.Delete(dir, recursive: true))) removed++;
        if (removed > 0) logger.LogInformation("Removed {Count} leftovers of interrupted module zip builds", removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsStale(string temp)
    {
        if (Older(temp)) return true;
        var parts = Path.GetFileName(temp).Split('.');
        if (parts.Length < 4) return true;
        var owner = parts[^3].Split('@');
        if (owner.Length != 2 || owner[1] != Environment.MachineName.Replace('.', '_')) return false;
        return !int.TryParse(owner[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Older(string path) => DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > Abandoned;

    private static bool TryDelete(Action delete)
    {
        try
        {
            delete();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
