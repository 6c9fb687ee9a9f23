namespace GitLabLite.Presenters.Projects;

/// <summary>The namespace object embedded in a project.</summary>
public sealed record ProjectNamespace(long Id, string Name, string Path, string Kind, string FullPath, long? ParentId, string WebUrl);
