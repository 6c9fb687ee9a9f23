namespace GitLabLite.Git;

/// <summary>How a git child process ended: its exit code and the tail of what it wrote to stderr.</summary>
public sealed record GitProcessResult(int ExitCode, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
