namespace GitLabLite.Git;

public sealed record GitBranch(string Name, GitCommitInfo Commit);
