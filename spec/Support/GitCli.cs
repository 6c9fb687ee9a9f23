namespace GitLabLite.Spec.Support;

/// <summary>
/// Runs the real git CLI for specs, isolated from the machine: no system or user config (HOME is a private temp
/// dir), no terminal prompts (a refused credential fails instead of hanging), fixed identities.
/// </summary>
public sealed class GitCli : IDisposable
{
    public GitCli()
    {
        Home = Directory.CreateTempSubdirectory("gitlablite-git-").FullName;
    }

    /// <summary>A temp directory that holds HOME and any working copies the spec makes; removed on dispose.</summary>
    public string Home { get; }

    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Home, name)).FullName;

    public async Task<ProcessResult> RunAsync(string? workingDirectory, params string[] args) => await RunAsync(workingDirectory, null, args);

    public async Task<ProcessResult> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Home,
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS"] = "",
            ["GIT_AUTHOR_NAME"] = "Spec Author",
            ["GIT_AUTHOR_EMAIL"] = "author@example.com",
            ["GIT_COMMITTER_NAME"] = "Spec Committer",
            ["GIT_COMMITTER_EMAIL"] = "committer@example.com",
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) environment[k] = v;
        return await SpecProcess.RunAsync("git", workingDirectory ?? Home, args, environment, TimeSpan.FromMinutes(2));
    }

    /// <summary>Like <see cref="RunAsync(string?, string[])"/> but fails the spec when git fails.</summary>
    public async Task<string> MustAsync(string? workingDirectory, params string[] args)
    {
        var result = await RunAsync(workingDirectory, args);
        if (result.ExitCode != 0) Assert.Fail($"git {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout.Trim();
    }

    /// <summary>A new working copy with branch main and one commit per (file, content) pair, at fixed dates a day apart.</summary>
    public async Task<string> NewWorkingCopyAsync(string name, params (string File, string Content)[] commits)
    {
        var dir = NewDirectory(name);
        await MustAsync(dir, "init", "-q", "-b", "main");
        var day = 0;
        foreach (var (file, content) in commits) await CommitAsync(dir, file, content, new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(day++));
        return dir;
    }

    public async Task CommitAsync(string dir, string file, string content, DateTimeOffset when)
    {
        var path = Path.Combine(dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        await MustAsync(dir, "add", "-A");
        var date = when.ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var result = await RunAsync(dir, new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date }, "commit", "-q", "-m", $"Change {file}");
        if (result.ExitCode != 0) Assert.Fail($"git commit failed: {result.Stderr}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A git child still holding a file: the OS cleans temp eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only pack files on some systems: same.
        }
    }
}
