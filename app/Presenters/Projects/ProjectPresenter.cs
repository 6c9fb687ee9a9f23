using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's project entity (API::Entities::Project and ProjectBasic for simple=true), plus go_proxy_url.</summary>
public sealed class ProjectPresenter(InstanceSettings settings, RepositoryStorage storage)
{
    public object Present(Project project)
    {
        var apiUrl = $"{settings.BaseUrl}/api/v4/projects/{project.Id}";
        return new
        {
            project.Id,
            project.Description,
            project.Name,
            project.NameWithNamespace,
            project.Path,
            PathWithNamespace = project.FullPath,
            project.CreatedAt,
            project.DefaultBranch,
            TagList = Array.Empty<string>(),
            Topics = Array.Empty<string>(),
            SshUrlToRepo = (string?)null,
            HttpUrlToRepo = $"{settings.BaseUrl}/{project.FullPath}.git",
            WebUrl = $"{settings.BaseUrl}/{project.FullPath}",
            ReadmeUrl = (string?)null,
            AvatarUrl = (string?)null,
            ForksCount = 0,
            StarCount = 0,
            project.LastActivityAt,
            Namespace = Namespace(project),
            Visibility = project.Visibility.ToName(),
            EmptyRepo = BareRepository.IsEmpty(storage.PathFor(project.FullPath)),
            Archived = false,
            project.CreatorId,
            GoProxyUrl = $"{apiUrl}/packages/go",
            _links = new
            {
                Self = apiUrl,
                Members = $"{apiUrl}/members",
                RepoBranches = $"{apiUrl}/repository/branches",
            },
        };
    }

    /// <summary>simple=true: the fields GitLab's ProjectIdentity and ProjectBasic entities carry.</summary>
    public object PresentSimple(Project project) => new
    {
        project.Id,
        project.Description,
        project.Name,
        project.NameWithNamespace,
        project.Path,
        PathWithNamespace = project.FullPath,
        project.CreatedAt,
        project.DefaultBranch,
        SshUrlToRepo = (string?)null,
        HttpUrlToRepo = $"{settings.BaseUrl}/{project.FullPath}.git",
        WebUrl = $"{settings.BaseUrl}/{project.FullPath}",
        ReadmeUrl = (string?)null,
        AvatarUrl = (string?)null,
        project.LastActivityAt,
        Namespace = Namespace(project),
    };

    private object Namespace(Project project) => new
    {
        Id = project.NamespaceId,
        Name = project.NamespaceName,
        Path = project.NamespacePath,
        Kind = project.NamespaceType == "Group" ? "group" : "user",
        FullPath = project.NamespaceFullPath,
        ParentId = project.NamespaceParentId,
        WebUrl = project.NamespaceType == "Group"
            ? $"{settings.BaseUrl}/groups/{project.NamespaceFullPath}"
            : $"{settings.BaseUrl}/{project.NamespaceFullPath}",
    };
}
