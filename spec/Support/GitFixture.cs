using System.Diagnostics;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Builds a real git repository with the git CLI: commits with chosen files and committer times, lightweight or
/// annotated tags, branches; then pushes everything into a bare repository (what the server serves).
/// </summary>
public sealed class GitFixture : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private int _commits;

    public GitFixture(string defaultBranch = "main")
    {
        WorkTree = Path.Combine(Path.GetTempPath(), $"gitfixture-{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkTree);
        Git("init", "-q", "-b", defaultBranch);
    }

    public string WorkTree { get; }

    /// <summary>Writes the files (null content deletes), commits them and returns the commit id.</summary>
    public string Commit(IReadOnlyDictionary<string, string?> files, string message = "change", DateTimeOffset? when = null)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkTree, path);
            if (content is null) { File.Delete(full); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Git("add", "-A");
        var date = (when ?? Epoch.AddMinutes(++_commits)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        Git(["commit", "-q", "--allow-empty", "-m", message], ("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date));
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Commit(string path, string content, DateTimeOffset? when = null) => Commit(new Dictionary<string, string?> { [path] = content }, $"add {path}", when);

    public void Symlink(string path, string target)
    {
        var full = Path.Combine(WorkTree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public void Tag(string name, string? message = null, string rev = "HEAD")
    {
        if (message is null) Git("tag", name, rev);
        else Git("tag", "-a", name, "-m", message, rev);
    }

    public void Branch(string name, string rev = "HEAD") => Git("branch", "-f", name, rev);

    public void Checkout(string name) => Git("checkout", "-q", name);

    /// <summary>Pushes every branch and tag into <paramref name="bareRepository"/>, creating it when missing.</summary>
    public void PushTo(string bareRepository)
    {
        if (!Directory.Exists(bareRepository)) RunGit(Path.GetTempPath(), ["init", "-q", "--bare", bareRepository]);
        Git("push", "-q", "--force", bareRepository, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
        var head = Git("symbolic-ref", "HEAD").Trim();
        RunGit(bareRepository, ["symbolic-ref", "HEAD", head]);
    }

    public string Git(params string[] args) => Git(args, []);

    private string Git(string[] args, params (string, string)[] env) => RunGit(WorkTree, args, env);

    public static string RunGit(string directory, string[] args, params (string, string)[] env)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_NAME"] = "Spec";
        start.Environment["GIT_AUTHOR_EMAIL"] = "spec@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Spec";
        start.Environment["GIT_COMMITTER_EMAIL"] = "spec@example.com";
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkTree, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
