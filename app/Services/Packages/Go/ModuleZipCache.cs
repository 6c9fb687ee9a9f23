using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips built once and kept on disk, addressed by (module, version, commit): a version's bytes never change
/// once served. Concurrent requests for the same cold zip share one build; files appear atomically (temp file +
/// rename), so a crash mid-build leaves only a temp file that is never served.
/// </summary>
public sealed class ModuleZipCache(InstanceSettings settings, ILogger<ModuleZipCache> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ZipBuild>>> _building = new();

    /// <summary>The cached zip's path, building it first when needed, or the reason the version has no valid zip.</summary>
    public async Task<GoResult<string>> GetAsync(GoModule module, ModuleSource source, CancellationToken ct)
    {
        var key = Key(source);
        var path = PathFor(key);
        if (File.Exists(path)) return GoResult<string>.Ok(path);
        var build = _building.GetOrAdd(key, _ => new Lazy<Task<ZipBuild>>(() => BuildAsync(module.RepositoryPath, source, path)));
        try
        {
            // The build runs to completion even if this caller goes away: others may be waiting on it.
            var result = await build.Value.WaitAsync(ct);
            return result.Error is null ? GoResult<string>.Ok(path) : GoResult<string>.Fail(result.Error);
        }
        finally
        {
            if (build.Value.IsCompleted) _building.TryRemove(new KeyValuePair<string, Lazy<Task<ZipBuild>>>(key, build));
        }
    }

    /// <summary>The size of the version's zip when it has been built already; null until then (never builds).</summary>
    public long? CachedSizeOrNull(ModuleSource source)
    {
        var file = new FileInfo(PathFor(Key(source)));
        return file.Exists ? file.Length : null;
    }

    private string PathFor(string key) => Path.Combine(settings.CachePath, "go-zips", key[..2], key + ".zip");

    private static string Key(ModuleSource source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.ModulePath}@{source.Version}\n{source.Commit}\n{source.Subdir}")));

    /// <summary>Builds on its own reader: the requesting one belongs to a request that may end first.</summary>
    private Task<ZipBuild> BuildAsync(string repositoryPath, ModuleSource source, string path) => Task.Run(async () =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{ZipCacheJanitor.OwnerTag}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var git = GitRepositoryReader.OpenOrNull(repositoryPath) ?? throw new IOException($"repository {repositoryPath} is gone");
            GitArchive? archive = null;
            try
            {
                var files = ModuleFiles.FromObjects(git, source);
                if (files is null)
                {
                    try
                    {
                        archive = await GitArchive.ExtractAsync(repositoryPath, source.Commit, source.Subdir, settings.CachePath, CancellationToken.None);
                    }
                    catch (GitArchiveTooLargeException e)
                    {
                        return new ZipBuild(e.Message);
                    }
                    files = ModuleFiles.FromArchive(git, source, archive);
                }
                ModuleZipResult result;
                await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    result = ModuleZipWriter.Create(output, source.ModulePath, source.Version, files);
                    await output.FlushAsync();
                    output.Flush(flushToDisk: true);
                }
                if (!result.Success) return new ZipBuild(result.Error);
                File.Move(temp, path, overwrite: true);
                logger.LogInformation("Built module zip {Module}@{Version} ({Bytes} bytes)", source.ModulePath, source.Version, new FileInfo(path).Length);
                return new ZipBuild(null);
            }
            finally
            {
                archive?.Dispose();
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    });

    private sealed record ZipBuild(string? Error);
}
