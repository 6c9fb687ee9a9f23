using GitLabLite.Initializers;
using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's group entity (API::Entities::Group); the show form adds its projects (API::Entities::GroupDetail).</summary>
public sealed class GroupPresenter(InstanceSettings settings, ProjectUrls urls)
{
    public GroupEntity Present(Namespace group) => new(
        group.Id, group.Name, group.Path, group.Description, group.Visibility.ToName(), group.FullName, group.FullPath, group.ParentId,
        $"{settings.BaseUrl}/groups/{group.FullPath}", null, group.CreatedAt)
    {
        GoProxyUrl = urls.GoProxyUrl(group),
    };

    public GroupEntity PresentDetail(Namespace group, IReadOnlyList<object> projects) =>
        Present(group) with { Projects = projects, SharedProjects = [] };
}
