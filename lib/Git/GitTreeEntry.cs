namespace GitLabLite.Git;

/// <summary>
/// A non-directory entry of a commit's tree. <see cref="Path"/> is relative to the repository root with '/'
/// separators; <see cref="Size"/> is 0 for submodules (their id names a commit in another repository).
/// </summary>
public sealed record GitTreeEntry(string Path, GitTreeEntryKind Kind, long Size, string ObjectId);
