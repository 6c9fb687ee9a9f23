using GitLabLite.Initializers;
using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Projects;

/// <summary>
/// GitLab's project entity (API::Entities::Project and ProjectBasic for simple=true), plus go_proxy_url. The full
/// entity needs the repository state that <c>ProjectsFinder</c> sets.
/// </summary>
public sealed class ProjectPresenter(InstanceSettings settings, ProjectUrls urls)
{
    public ProjectEntity Present(Project project)
    {
        var apiUrl = urls.ApiUrl(project);
        return new ProjectEntity(PresentSimple(project))
        {
            Visibility = project.Visibility.ToName(),
            EmptyRepo = project.EmptyRepo ?? throw new InvalidOperationException("ProjectsFinder.WithRepositoryState sets EmptyRepo before a project is presented"),
            CreatorId = project.CreatorId,
            GoProxyUrl = urls.GoProxyUrl(project),
            ImportStatus = project.ImportStatus,
            ImportError = project.ImportError,
            Links = new ProjectLinks(apiUrl, $"{apiUrl}/members", $"{apiUrl}/repository/branches"),
        };
    }

    /// <summary>GET /projects/:id/import (GitLab's ProjectImportStatus entity), which import clients poll.</summary>
    public ProjectImportStatusEntity PresentImport(Project project)
    {
        var basic = PresentSimple(project);
        return new ProjectImportStatusEntity(basic.Id, basic.Description, basic.Name, basic.NameWithNamespace, basic.Path, basic.PathWithNamespace,
            basic.CreatedAt, project.ImportStatus, project.ImportStatus == "none" ? null : "git", project.ImportError, []);
    }

    /// <summary>simple=true: the fields GitLab's ProjectIdentity and ProjectBasic entities carry.</summary>
    public ProjectBasicEntity PresentSimple(Project project) => new()
    {
        Id = project.Id,
        Description = project.Description,
        Name = project.Name,
        NameWithNamespace = project.NameWithNamespace,
        Path = project.Path,
        PathWithNamespace = project.FullPath,
        CreatedAt = project.CreatedAt,
        DefaultBranch = project.DefaultBranch,
        HttpUrlToRepo = urls.HttpUrlToRepo(project),
        WebUrl = urls.WebUrl(project),
        LastActivityAt = project.LastActivityAt,
        Namespace = new ProjectNamespace(
            project.NamespaceId, project.NamespaceName, project.NamespacePath,
            project.NamespaceType == "Group" ? "group" : "user", project.NamespaceFullPath, project.NamespaceParentId,
            project.NamespaceType == "Group" ? $"{settings.BaseUrl}/groups/{project.NamespaceFullPath}" : $"{settings.BaseUrl}/{project.NamespaceFullPath}"),
    };
}
