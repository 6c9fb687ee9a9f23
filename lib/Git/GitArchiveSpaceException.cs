namespace GitLabLite.Git;

/// <summary>The temporary disk budget for extractions ran out: a passing condition, so the build is retried later, never recorded as failed.</summary>
public sealed class GitArchiveSpaceException() : IOException("no temporary disk left for git archive extraction")
{
}
