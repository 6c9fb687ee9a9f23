using System.Diagnostics;

namespace GitLabLite.Git;

/// <summary>
/// What many ref targets stand for (<see cref="GitPeel"/>), from one `git cat-file --batch-check`. libgit2 reads each
/// object's header on the caller's thread (~40 µs: 0.4 s for 10,000 tags the first time a repository's refs are read
/// after a start); one git process answers them all in a few milliseconds per thousand.
/// </summary>
public static class GitPeelBatch
{
    /// <summary>Each id that names an object, with what it stands for; ids of missing objects are left out (they may still arrive).</summary>
    public static IReadOnlyDictionary<string, GitPeel> Read(string repositoryPath, IReadOnlyCollection<string> ids)
    {
        // Only full ids: anything else would be read as a revision expression.
        var asked = ids.Where(id => id.Length is 40 or 64 && id.All(char.IsAsciiHexDigitLower)).Distinct().ToList();
        var result = new Dictionary<string, GitPeel>(StringComparer.Ordinal);
        if (asked.Count == 0) return result;
        var start = GitProcess.StartInfo(["--git-dir", repositoryPath, "cat-file", "--batch-check=%(objectname) %(objecttype)", "--buffer"]);
        using var process = Process.Start(start) ?? throw new IOException("git could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        // Each id, then what it peels to ("^{}": the first object that is not a tag). Written from another thread:
        // git's answers would otherwise fill their pipe while questions are still being written.
        var questions = Task.Run(() =>
        {
            using var input = process.StandardInput;
            foreach (var id in asked) input.Write($"{id}\n{id}^{{}}\n");
        });
        var output = process.StandardOutput;
        foreach (var id in asked)
        {
            var own = output.ReadLine();
            var peeled = output.ReadLine();
            // Ended early: the ids not answered are read one by one by the caller.
            if (own is null || peeled is null) break;
            if (own.EndsWith(" missing", StringComparison.Ordinal)) continue;
            var peeledParts = peeled.Split(' ');
            result[id] = own[(own.IndexOf(' ') + 1)..] switch
            {
                "commit" => GitPeel.Commit(id),
                "tag" when peeledParts is [var target, "commit"] => new GitPeel(false, target),
                _ => GitPeel.None,
            };
        }
        questions.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new IOException($"git cat-file --batch-check failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult().Trim()}");
        return result;
    }
}
