using System.Diagnostics;
using System.Formats.Tar;

namespace GitLabLite.Git;

/// <summary>
/// A commit's tree as `git archive` renders it, the way the go command's direct mode reads module files
/// (codehost/git.go ReadZip): checkout conversions from .gitattributes apply (eol=crlf, ident, ...), while
/// export-ignore and export-subst are switched off. Extracted into a private temporary directory.
/// </summary>
public sealed class GitArchive : IDisposable
{
    /// <summary>x/mod/zip's limit on a module's unpacked size; a larger tree cannot make a valid zip, so stop reading.</summary>
    public const long MaxExtractedBytes = 500L << 20;

    private GitArchive(string root, IReadOnlyList<GitArchiveEntry> entries)
    {
        Root = root;
        Entries = entries;
    }

    public string Root { get; }

    /// <summary>Files and symlinks (directories left out), paths relative to the archived sub-directory.</summary>
    public IReadOnlyList<GitArchiveEntry> Entries { get; }

    /// <summary>
    /// Runs git archive for <paramref name="commit"/> limited to <paramref name="subdir"/>. The repository is never
    /// modified: a throw-away git directory borrows its objects through alternates and carries the attributes
    /// override that the go command writes into its own clone's info/attributes. Every chunk is written only after
    /// <paramref name="tryUseDisk"/> allowed its size (the caller's temporary disk budget); a refusal stops the
    /// extraction with <see cref="GitArchiveSpaceException"/>. Nothing is left on disk when this throws.
    /// </summary>
    public static async Task<GitArchive> ExtractAsync(string repositoryPath, string commit, string subdir, string tempRoot, Func<long, bool> tryUseDisk, CancellationToken ct)
    {
        var work = Path.Combine(tempRoot, $"archive-{Guid.NewGuid():N}");
        var gitDir = Path.Combine(work, "git");
        var files = Path.Combine(work, "files");
        try
        {
            Directory.CreateDirectory(Path.Combine(gitDir, "objects", "info"));
            Directory.CreateDirectory(Path.Combine(gitDir, "refs"));
            Directory.CreateDirectory(Path.Combine(gitDir, "info"));
            Directory.CreateDirectory(files);
            await File.WriteAllTextAsync(Path.Combine(gitDir, "HEAD"), $"{commit}\n", ct);
            await File.WriteAllTextAsync(Path.Combine(gitDir, "objects", "info", "alternates"), Path.Combine(Path.GetFullPath(repositoryPath), "objects") + "\n", ct);
            await File.WriteAllTextAsync(Path.Combine(gitDir, "info", "attributes"), "* -export-subst -export-ignore\n", ct);

            string[] args = ["--git-dir", gitDir, "-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive", "--format=tar", commit];
            var start = GitProcess.StartInfo(subdir.Length > 0 ? [.. args, "--", subdir] : args);
            // A clean environment: no attributes or filter drivers from this host either.
            start.Environment["GIT_ATTR_NOSYSTEM"] = "1";
            start.Environment["HOME"] = work;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var entries = new List<GitArchiveEntry>();
            var prefix = subdir.Length == 0 ? "" : subdir.TrimEnd('/') + "/";
            long total = 0;
            // Stopping early (too large, cancelled) must not leave git blocked on a full pipe.
            using var killOnFailure = new ProcessKiller(process);
            await using (var reader = new TarReader(process.StandardOutput.BaseStream, leaveOpen: true))
            {
                while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.SymbolicLink)) continue;
                    if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    var name = entry.Name[prefix.Length..];
                    if (entry.EntryType == TarEntryType.SymbolicLink)
                    {
                        entries.Add(new GitArchiveEntry(name, 0, true, ""));
                        continue;
                    }
                    // Stored under a numbered name: archive paths may not be valid local file names.
                    var local = Path.Combine(files, entries.Count.ToString());
                    long size = 0;
                    await using (var target = File.Create(local))
                        if (entry.DataStream is { } data) size = await CopyBoundedAsync(data, target, MaxExtractedBytes - total, tryUseDisk, ct);
                    total += size;
                    entries.Add(new GitArchiveEntry(name, size, false, local));
                }
            }
            // The end-of-archive blocks come before git's padding to a full record: read it too, or git may die of SIGPIPE.
            await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct);
            killOnFailure.Disarm();
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new IOException($"git archive failed: {(await stderr).Trim()}");
            return new GitArchive(work, entries);
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>Copies at most <paramref name="budget"/> bytes; a tree over the limit (a zip bomb in a repository) stops here.</summary>
    private static async Task<long> CopyBoundedAsync(Stream source, Stream target, long budget, Func<long, bool> tryUseDisk, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            copied += read;
            if (copied > budget) throw new GitArchiveTooLargeException(MaxExtractedBytes);
            if (!tryUseDisk(read)) throw new GitArchiveSpaceException();
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return copied;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private sealed class ProcessKiller(Process process) : IDisposable
    {
        private bool _armed = true;

        public void Disarm() => _armed = false;

        public void Dispose()
        {
            if (!_armed) return;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }
}
