namespace GitLabLite.Git;

/// <summary>The archived tree is larger than a module may be unpacked; the caller turns it into "version unusable".</summary>
public sealed class GitArchiveTooLargeException(long limit)
    : IOException($"module source tree larger than {limit >> 20} MiB")
{
}
