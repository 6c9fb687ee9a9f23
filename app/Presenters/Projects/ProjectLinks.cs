namespace GitLabLite.Presenters.Projects;

public sealed record ProjectLinks(string Self, string Members, string RepoBranches);
