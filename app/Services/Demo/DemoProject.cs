namespace GitLabLite.Services.Demo;

/// <summary>A demo project in the demo group and its history, oldest commit first; the last one is the default branch.</summary>
public sealed record DemoProject(string Path, string Description, IReadOnlyList<DemoCommit> Commits);
