using GitLabLite.Models.Projects;

namespace GitLabLite.Repositories.Projects;

public sealed record NewProject(string Name, string Path, long? CreatorId, Visibility Visibility, string Description, string? DefaultBranch);
