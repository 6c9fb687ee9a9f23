using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Finders.Projects;

/// <summary>
/// ProjectsFinder: the projects a caller may see (GitLab's visibility rules, in <see cref="ProjectRepository"/>'s one
/// query) narrowed by the list's filter, one page with the total; and the repository state that GitLab's full
/// project entity shows, read here so that presenters never touch the disk.
/// </summary>
public sealed class ProjectsFinder(ProjectRepository projects, RepositoryStorage storage)
{
    public async Task<(IReadOnlyList<Project> Items, long Total)> ListAsync(ProjectListFilter filter, int offset, int limit, CancellationToken ct) =>
        (await projects.ListVisibleAsync(filter, offset, limit, ct), await projects.CountVisibleAsync(filter, ct));

    /// <summary>The page with <see cref="Project.EmptyRepo"/> set on each project.</summary>
    public async Task<(IReadOnlyList<Project> Items, long Total)> ListWithRepositoryStateAsync(
        ProjectListFilter filter, int offset, int limit, CancellationToken ct)
    {
        var (items, total) = await ListAsync(filter, offset, limit, ct);
        return (items.Select(WithRepositoryState).ToList(), total);
    }

    /// <summary>The project with <see cref="Project.EmptyRepo"/> read from its repository on disk.</summary>
    public Project WithRepositoryState(Project project) =>
        project with { EmptyRepo = BareRepository.IsEmpty(storage.PathFor(project.FullPath)) };
}
