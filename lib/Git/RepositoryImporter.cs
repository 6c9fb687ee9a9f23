using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GitLabLite.Git;

/// <summary>
/// Imports a repository with `git clone --mirror` into a scratch directory under the storage root, then renames it
/// into place, so a failed or interrupted import never leaves a half-written repository at the project's path. git
/// runs without host configuration or proxies, follows no redirects (the source was checked, redirects included,
/// before), may use only the one transport the source was checked for, and is pinned to the checked address with
/// curl's resolve list. It is watched while it runs: stopped at the time limit, when nothing has arrived for the
/// stall limit, or when the clone outgrows the size limit.
/// </summary>
public sealed partial class RepositoryImporter(RepositoryStorage storage)
{
    // "@" cannot start a namespace or project path, so this directory never collides with a repository.
    public const string ScratchDirectory = "@imports";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    // Variables that would send git's connections somewhere other than the checked address.
    private static readonly string[] ProxyVariables =
        ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "GIT_PROXY_COMMAND", "GIT_SSL_NO_VERIFY", "GIT_SSH", "GIT_SSH_COMMAND"];

    /// <param name="targetFullPath">
    /// Asked once the clone is complete: the project's full path now (it may have been renamed meanwhile), or null when
    /// the project is gone and the clone is to be dropped.
    /// </param>
    public async Task<ImportResult> ImportAsync(ImportRequest request, Func<CancellationToken, Task<string?>> targetFullPath, CancellationToken ct)
    {
        var scratch = Path.Combine(storage.Root, ScratchDirectory, $"{Guid.NewGuid():N}.git");
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        try
        {
            var (error, detail) = await CloneAsync(request, scratch, ct);
            if (error is not null) return ImportResult.Failed(error, detail);
            // The source URL may carry credentials: keep nothing of it in the imported repository's config. (Removing
            // the remote through libgit2 would also delete every ref its mirror refspec +refs/*:refs/* maps to.)
            var config = await RunAsync(["--git-dir=" + scratch, "config", "--remove-section", "remote.origin"], request.Protocol, null, ct);
            if (config != 0) return ImportResult.Failed("the imported repository could not be set up");
            var head = BareRepository.HeadBranch(scratch);
            if (await targetFullPath(ct) is not { } fullPath) return ImportResult.Failed("the project was deleted during the import");
            var target = storage.PathFor(fullPath);
            if (Directory.Exists(target)) return ImportResult.Failed("the project has a repository already");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(scratch, target);
            return new ImportResult(true, null, head);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Removes scratch clones older than <paramref name="age"/>: what a killed process left (a live import is younger than its time limit).</summary>
    public void RemoveAbandonedScratch(TimeSpan age)
    {
        var root = Path.Combine(storage.Root, ScratchDirectory);
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.EnumerateDirectories(root))
            if (Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow - age)
                Directory.Delete(dir, recursive: true);
    }

    private static async Task<(string? Error, string? Detail)> CloneAsync(ImportRequest request, string scratch, CancellationToken ct)
    {
        // "--" ends the options: a URL can never be read as one (e.g. --upload-pack=...).
        using var process = Start(["clone", "--mirror", "--progress", "--", request.Url, scratch], request.Protocol, request.CurlResolve);
        var progress = new ProgressTail();
        var stderr = progress.ReadAsync(process.StandardError.BaseStream);
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var limits = request.Limits;
        var started = Stopwatch.StartNew();
        var lastActivity = started.Elapsed;
        var lastSeen = (Bytes: -1L, Progress: -1L);
        string? stop = null;
        try
        {
            while (!process.HasExited)
            {
                await Task.Delay(PollEvery, ct);
                var seen = (Bytes: SizeOf(scratch), Progress: progress.Total);
                if (seen != lastSeen) (lastSeen, lastActivity) = (seen, started.Elapsed);
                if (seen.Bytes > limits.MaxBytes) stop = $"the repository is larger than the import limit of {Size(limits.MaxBytes)}";
                else if (started.Elapsed > limits.Timeout) stop = $"the import took longer than {limits.Timeout.TotalMinutes:0.#} minutes";
                else if (started.Elapsed - lastActivity > limits.Stall) stop = $"nothing was received for {limits.Stall.TotalSeconds:0} seconds";
                if (stop is not null) break;
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stderr, stdout);
        }
        if (stop is not null) return (stop, progress.Tail);
        return process.ExitCode == 0 ? (null, null) : ("git could not fetch it (is the URL reachable and a git repository?)", progress.Tail);
    }

    private static async Task<int> RunAsync(string[] args, string protocol, string? curlResolve, CancellationToken ct)
    {
        using var process = Start(args, protocol, curlResolve);
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
        await process.WaitForExitAsync(ct);
        await drain;
        return process.ExitCode;
    }

    private static Process Start(string[] args, string protocol, string? curlResolve)
    {
        var options = new List<string> { "-c", "credential.helper=", "-c", "http.followRedirects=false" };
        if (curlResolve is not null) options.AddRange(["-c", $"http.curloptResolve={curlResolve}"]);
        var start = GitProcess.StartInfo(options.Concat(args));
        // Never prompt for credentials; only the transport the source was checked for (no ext::, fd::, file://).
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        start.Environment["SSH_ASKPASS"] = "";
        start.Environment["GIT_ALLOW_PROTOCOL"] = protocol;
        foreach (var name in ProxyVariables) start.Environment.Remove(name);
        var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        process.StandardInput.Close();
        return process;
    }

    private static long SizeOf(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Exists ? f.Length : 0)
                : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // git renames and deletes temporary files while we walk: count again on the next poll.
            return 0;
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        _ => $"{bytes} bytes",
    };

    /// <summary>git's stderr (progress lines): how much has arrived, and the last lines, credentials redacted, for the log.</summary>
    private sealed partial class ProgressTail
    {
        private const int TailBytes = 2048;
        private readonly byte[] _tail = new byte[TailBytes];
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public string Tail
        {
            get
            {
                lock (_tail)
                {
                    var length = (int)Math.Min(Total, TailBytes);
                    var text = Encoding.UTF8.GetString(_tail, TailBytes - length, length);
                    return Credentials().Replace(text.Replace('\r', '\n'), "://[REDACTED]@").Trim();
                }
            }
        }

        public async Task ReadAsync(Stream stream)
        {
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer) is var n and > 0)
            {
                lock (_tail)
                {
                    var keep = Math.Min(n, TailBytes);
                    Buffer.BlockCopy(_tail, keep, _tail, 0, TailBytes - keep);
                    Buffer.BlockCopy(buffer, n - keep, _tail, TailBytes - keep, keep);
                }
                Interlocked.Add(ref _total, n);
            }
        }

        [GeneratedRegex(@"://[^/@\s]+@")]
        private static partial Regex Credentials();
    }
}
