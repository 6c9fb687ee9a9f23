using System.Diagnostics;

namespace GitLabLite.Git;

/// <summary>
/// Imports a repository with `git clone --mirror` into a scratch directory under the storage root, then renames it
/// into place, so a failed or interrupted import never leaves a half-written repository at the project's path.
/// </summary>
public sealed class RepositoryImporter(RepositoryStorage storage)
{
    // "@" cannot start a namespace or project path, so this directory never collides with a repository.
    private const string ScratchDirectory = "@imports";

    public async Task<ImportResult> ImportAsync(string url, string fullPath, IReadOnlyCollection<string> allowedProtocols, TimeSpan timeout, CancellationToken ct)
    {
        var target = storage.PathFor(fullPath);
        var scratch = Path.Combine(storage.Root, ScratchDirectory, $"{Guid.NewGuid():N}.git");
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        try
        {
            // "--" ends the options: a URL can never be read as one (e.g. --upload-pack=...).
            var error = await RunGitAsync(["clone", "--mirror", "--quiet", "--", url, scratch], allowedProtocols, timeout, ct);
            if (error is not null) return ImportResult.Failed(error);
            // The source URL may carry credentials: keep nothing of it in the imported repository's config. (Removing
            // the remote through libgit2 would also delete every ref its mirror refspec +refs/*:refs/* maps to.)
            if (await RunGitAsync(["--git-dir=" + scratch, "config", "--remove-section", "remote.origin"], allowedProtocols, timeout, ct) is not null)
                return ImportResult.Failed("the imported repository could not be set up");
            var head = BareRepository.HeadBranch(scratch);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(scratch, target);
            return new ImportResult(true, null, head);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<string?> RunGitAsync(string[] args, IReadOnlyCollection<string> allowedProtocols, TimeSpan timeout, CancellationToken ct)
    {
        var start = GitProcess.StartInfo(new[] { "-c", "credential.helper=" }.Concat(args));
        // Never prompt for credentials, never follow redirects to other transports (ext::, fd::).
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        start.Environment["SSH_ASKPASS"] = "";
        start.Environment["GIT_ALLOW_PROTOCOL"] = string.Join(':', allowedProtocols);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return "git timed out";
        }
        await Task.WhenAll(stderr, stdout);
        return process.ExitCode == 0 ? null : "git could not fetch it (is the URL reachable and a git repository?)";
    }
}
