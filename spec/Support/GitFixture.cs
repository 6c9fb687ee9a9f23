namespace GitLabLite.Spec.Support;

/// <summary>
/// A working copy for building module repositories with the real git CLI: commits of chosen files at chosen
/// committer times (a minute apart by default), lightweight or annotated tags, branches, symlinks; then a push of
/// every branch and tag into the bare repository the server serves.
/// </summary>
public sealed class GitFixture : IDisposable
{
    public static readonly DateTimeOffset Epoch = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly GitCli _git = new();
    private int _commits;

    private GitFixture(string dir) => WorkTree = dir;

    public string WorkTree { get; private set; } = "";

    public static async Task<GitFixture> CreateAsync(string defaultBranch = "main")
    {
        var fixture = new GitFixture("");
        fixture.WorkTree = fixture._git.NewDirectory("work");
        await fixture.GitAsync("init", "-q", "-b", defaultBranch);
        return fixture;
    }

    /// <summary>The committer time of the n-th commit made without an explicit time.</summary>
    public static DateTimeOffset TimeOf(int n) => Epoch.AddMinutes(n);

    /// <summary>Writes the files (null deletes one), commits them and returns the commit id.</summary>
    public async Task<string> CommitAsync(IReadOnlyDictionary<string, string?> files, DateTimeOffset? when = null)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkTree, path);
            if (content is null) { File.Delete(full); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }
        await GitAsync("add", "-A");
        var date = (when ?? TimeOf(++_commits)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var result = await _git.RunAsync(WorkTree, new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date },
            "commit", "-q", "--allow-empty", "-m", $"change {string.Join(", ", files.Keys)}");
        if (!result.Ok) Assert.Fail($"git commit failed: {result.Stderr}");
        return await GitAsync("rev-parse", "HEAD");
    }

    public Task<string> CommitAsync(string path, string content, DateTimeOffset? when = null) =>
        CommitAsync(new Dictionary<string, string?> { [path] = content }, when);

    public void Symlink(string path, string target)
    {
        var full = Path.Combine(WorkTree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public Task<string> TagAsync(string name, string? message = null, string rev = "HEAD") =>
        message is null ? GitAsync("tag", name, rev) : GitAsync("tag", "-a", name, "-m", message, rev);

    public Task<string> GitAsync(params string[] args) => _git.MustAsync(WorkTree, args);

    /// <summary>Pushes every branch and tag into <paramref name="bareRepository"/> and points its HEAD at ours.</summary>
    public async Task PushToAsync(string bareRepository)
    {
        if (!Directory.Exists(bareRepository)) await _git.MustAsync(null, "init", "-q", "--bare", bareRepository);
        await GitAsync("push", "-q", "--force", bareRepository, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
        await _git.MustAsync(bareRepository, "symbolic-ref", "HEAD", await GitAsync("symbolic-ref", "HEAD"));
    }

    public void Dispose() => _git.Dispose();
}
