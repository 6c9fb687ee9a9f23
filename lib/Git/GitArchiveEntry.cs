namespace GitLabLite.Git;

/// <summary>One archived file: its path below the archived directory, size, and where its content was extracted.</summary>
public sealed record GitArchiveEntry(string Path, long Size, bool Symlink, string LocalPath);
