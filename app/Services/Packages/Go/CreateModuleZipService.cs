using System.Diagnostics;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Builds one module zip into an <see cref="IModuleZipStore"/> entry, within the machine's limits
/// (<see cref="ZipBuildOptions"/>): a few builds at a time, the rest waiting a bounded time, and `git archive`
/// extractions within a shared temporary-disk budget. Answers Unprocessable when the version can never have a zip
/// (the zip rules refuse it: too large, case collisions, bad names), which callers may remember, and Unavailable
/// when the limits left no room, which they must not. Temporary files are removed on every path.
/// </summary>
public sealed class CreateModuleZipService(
    IModuleZipStore store, InstanceSettings settings, ArchiveDiskBudget disk, GoProxyMetrics metrics, IOptions<ZipBuildOptions> options,
    ILogger<CreateModuleZipService> logger)
{
    private const string Busy = "too many module zips are being built right now; try again shortly";

    private readonly ZipBuildOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);
    private int _queued;

    private TimeSpan QueueTime => TimeSpan.FromSeconds(_options.QueueSeconds);

    /// <summary>Builds the zip of <paramref name="source"/> from the repository and commits it to the store under <paramref name="key"/>.</summary>
    public async Task<ServiceResponse<ModuleZipEntry>> ExecuteAsync(string repositoryPath, ModuleSource source, string key, CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Refused(Busy);
        metrics.Active.Add(1);
        try
        {
            // Builds block on libgit2 and on the writer's compressions: off the request's thread.
            return await Task.Run(() => BuildAsync(repositoryPath, source, key, ct), ct);
        }
        finally
        {
            metrics.Active.Add(-1);
            _slots.Release();
        }
    }

    /// <summary>A build slot at once, or after waiting in a bounded queue; false when the queue is full or the wait ran out.</summary>
    private async Task<bool> EnterAsync(CancellationToken ct)
    {
        if (_slots.Wait(0)) return true;
        try
        {
            if (Interlocked.Increment(ref _queued) > _options.MaxQueued) return false;
            return await _slots.WaitAsync(QueueTime, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private ServiceResponse<ModuleZipEntry> Refused(string message)
    {
        metrics.Refused.Add(1);
        return ServiceResponse<ModuleZipEntry>.Error(message, ServiceErrorReason.Unavailable);
    }

    private async Task<ServiceResponse<ModuleZipEntry>> BuildAsync(string repositoryPath, ModuleSource source, string key, CancellationToken ct)
    {
        metrics.Builds.Add(1);
        var started = Stopwatch.GetTimestamp();
        var temp = store.NewTempPath(key);
        GitArchive? archive = null;
        ArchiveDiskBudget.Reservation? space = null;
        try
        {
            using var git = GitRepositoryReader.OpenOrNull(repositoryPath) ?? throw new IOException($"repository {repositoryPath} is gone");
            using var blobs = new GitBlobBatch(repositoryPath);
            var files = ModuleFiles.FromObjects(git, source, blobs.Open);
            if (files is null)
            {
                space = await disk.ReserveAsync(ExtractionEstimate(git, source), QueueTime, ct);
                if (space is null) return Refused("no temporary disk is free for building module zips right now; try again shortly");
                metrics.Extractions.Add(1);
                try
                {
                    archive = await GitArchive.ExtractAsync(repositoryPath, source.Commit, source.Subdir, settings.CachePath, space.TryUse, ct);
                }
                catch (GitArchiveTooLargeException e)
                {
                    metrics.Unusable(Stopwatch.GetElapsedTime(started));
                    return ServiceResponse<ModuleZipEntry>.Error(e.Message, ServiceErrorReason.Unprocessable);
                }
                catch (GitArchiveSpaceException e)
                {
                    return Refused(e.Message);
                }
                files = ModuleFiles.FromArchive(git, source, archive, blobs.Open);
            }
            var written = await WriteAsync(temp, source, files, blobs, ct);
            if (written.Error is { } error)
            {
                metrics.Unusable(Stopwatch.GetElapsedTime(started));
                return ServiceResponse<ModuleZipEntry>.Error(error, ServiceErrorReason.Unprocessable);
            }
            var (size, h1, sha256) = written.Value;
            var entry = await store.CommitAsync(key, temp, size, h1, sha256, ct);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Built(elapsed, size);
            logger.LogInformation("Built module zip {Module}@{Version} ({Bytes} bytes, {H1}) in {Elapsed} ms",
                source.ModulePath, source.Version, size, h1, elapsed.TotalMilliseconds);
            return ServiceResponse<ModuleZipEntry>.Ok(entry);
        }
        finally
        {
            archive?.Dispose();
            space?.Dispose();
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// What an extraction will write: the blobs' sizes, doubled because eol=crlf may turn every LF into CRLF; never
    /// more than an extraction may write at all. It may still grow past this while running, when the budget allows.
    /// </summary>
    private static long ExtractionEstimate(GitRepositoryReader git, ModuleSource source) =>
        Math.Min(GitArchive.MaxExtractedBytes, 2 * git.EnumerateTree(source.Commit, source.Subdir).Sum(e => e.Size));

    /// <summary>Writes the zip into <paramref name="temp"/>; the writer hashes files (for h1), this the zip (for the store), as they pass.</summary>
    private static async Task<GoResult<(long Size, string H1, string Sha256)>> WriteAsync(
        string temp, ModuleSource source, IReadOnlyList<ModuleFileEntry> files, GitBlobBatch blobs, CancellationToken ct)
    {
        Stream Open(Func<Stream> open)
        {
            // Checked per file, so a build nobody waits for any more stops early (and its temp files go).
            ct.ThrowIfCancellationRequested();
            return open();
        }
        var cancellable = files.Select(f => f.Open is { } open ? f with { Open = () => Open(open) } : f).ToList();
        ModuleZipResult result;
        var sha256 = "";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            // On a thread of its own: the writer waits on compressions that run on the thread pool, and blocking a
            // pool thread for that would leave one core's worth of them waiting for the pool to grow.
            using (var output = new DigestingStream(file, hex => sha256 = hex, leaveInnerOpen: true))
                result = await Task.Factory.StartNew(
                    () => ModuleZipWriter.Create(output, source.ModulePath, source.Version, cancellable,
                        valid => blobs.Prefetch(valid.Select(f => f.BlobId).OfType<string>())),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await file.FlushAsync();
            file.Flush(flushToDisk: true);
        }
        if (!result.Success) return GoResult<(long, string, string)>.Fail(result.Error!);
        var h1 = result.H1 ?? throw new InvalidOperationException("zip entry name with a newline passed the zip rules");
        return GoResult<(long, string, string)>.Ok((new FileInfo(temp).Length, h1, sha256));
    }
}
