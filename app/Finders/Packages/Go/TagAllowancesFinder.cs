using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>A project's allowances to move served tags, newest first.</summary>
public sealed class TagAllowancesFinder(TagAllowanceRepository allowances)
{
    public Task<IReadOnlyList<TagAllowance>> ListAsync(Project project, CancellationToken ct) => allowances.ListAsync(project.Id, ct);
}
