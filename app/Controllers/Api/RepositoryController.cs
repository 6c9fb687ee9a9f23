using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// GET /projects/:id/repository/tags and /branches (GitLab's API::Tags and API::Branches, read side), for callers
/// who may read the project's code.
/// </summary>
public sealed class RepositoryController(RepositoryRefsFinder refs, ProjectUrls urls) : ApiController
{
    [HttpGet("projects/{id}/repository/tags")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    public IActionResult Tags(string id, [FromQuery] Pagination pagination, [FromParams] TagListParams options)
    {
        var project = HttpContext.ProjectPermissions().Project;
        var (tags, total) = refs.ListTags(project, options, pagination.Offset, pagination.PerPage);
        var url = urls.WebUrl(project);
        return Paginated(pagination, total, tags.Select(t => TagPresenter.Present(t, url)));
    }

    [HttpGet("projects/{id}/repository/tags/{**tagName}")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    public IActionResult Tag(string id, string tagName)
    {
        var project = HttpContext.ProjectPermissions().Project;
        var tag = refs.FindTag(project, EncodedRouteValue.Decode(HttpContext, tagName));
        return tag is null ? NotFound404("Tag") : Ok(TagPresenter.Present(tag, urls.WebUrl(project)));
    }

    [HttpGet("projects/{id}/repository/branches")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    public IActionResult Branches(string id, [FromQuery] Pagination pagination, [FromQuery] string? search)
    {
        var permissions = HttpContext.ProjectPermissions();
        var (branches, defaultBranch) = refs.ListBranches(permissions.Project, search);
        var url = urls.WebUrl(permissions.Project);
        return Paginated(pagination, branches.Count,
            branches.Skip(pagination.Offset).Take(pagination.PerPage).Select(b => BranchPresenter.Present(b, defaultBranch, permissions.CanPush, url)));
    }

    [HttpGet("projects/{id}/repository/branches/{**branch}")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    public IActionResult Branch(string id, string branch)
    {
        var permissions = HttpContext.ProjectPermissions();
        var (found, defaultBranch) = refs.FindBranch(permissions.Project, EncodedRouteValue.Decode(HttpContext, branch));
        return found is null ? NotFound404("Branch") : Ok(BranchPresenter.Present(found, defaultBranch, permissions.CanPush, urls.WebUrl(permissions.Project)));
    }
}
