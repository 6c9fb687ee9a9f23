namespace GitLabLite.Git;

/// <summary>A blob found at a path: its id (to stream it later) and its size from the object header.</summary>
public sealed record GitBlobRef(string Id, long Size);
