namespace GitLabLite.Spec.Support;

/// <summary>What a CLI run by a spec (git, go) ended with.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}
