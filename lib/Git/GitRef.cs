namespace GitLabLite.Git;

/// <summary>A ref's short name (tag or branch) and the commit it peels to.</summary>
public sealed record GitRef(string Name, string CommitId);
