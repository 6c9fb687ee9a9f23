using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>GET /projects/:id/repository/tags and /branches (GitLab's API::Tags and API::Branches, read side).</summary>
public sealed class RepositoryController(ProjectFinder projects, RepositoryRefsFinder refs, InstanceSettings settings) : ApiController
{
    [HttpGet("projects/{id}/repository/tags")]
    public async Task<IActionResult> Tags(string id, [FromQuery] Pagination pagination)
    {
        var (permissions, denied) = await FindProjectAsync(id);
        if (denied is not null) return denied;
        var (options, error) = await GitLabParams.ReadAsync<TagListParams>(Request);
        if (error is not null) return BadRequest400(error);
        if (await ValidateAsync(options!) is { } invalid) return invalid;
        var tags = refs.ListTags(permissions!.Project, options!);
        var url = WebUrl(permissions.Project);
        return Paginated(pagination, tags.Count, tags.Skip(pagination.Offset).Take(pagination.PerPage).Select(t => TagPresenter.Present(t, url)));
    }

    [HttpGet("projects/{id}/repository/tags/{**tagName}")]
    public async Task<IActionResult> Tag(string id, string tagName)
    {
        var (permissions, denied) = await FindProjectAsync(id);
        if (denied is not null) return denied;
        var tag = refs.FindTag(permissions!.Project, EncodedRouteValue.Decode(HttpContext, tagName));
        return tag is null ? NotFound404("Tag") : Ok(TagPresenter.Present(tag, WebUrl(permissions.Project)));
    }

    [HttpGet("projects/{id}/repository/branches")]
    public async Task<IActionResult> Branches(string id, [FromQuery] Pagination pagination, [FromQuery] string? search)
    {
        var (permissions, denied) = await FindProjectAsync(id);
        if (denied is not null) return denied;
        var (branches, defaultBranch) = refs.ListBranches(permissions!.Project, search);
        var url = WebUrl(permissions.Project);
        return Paginated(pagination, branches.Count,
            branches.Skip(pagination.Offset).Take(pagination.PerPage).Select(b => BranchPresenter.Present(b, defaultBranch, permissions.CanPush, url)));
    }

    [HttpGet("projects/{id}/repository/branches/{**branch}")]
    public async Task<IActionResult> Branch(string id, string branch)
    {
        var (permissions, denied) = await FindProjectAsync(id);
        if (denied is not null) return denied;
        var (found, defaultBranch) = refs.FindBranch(permissions!.Project, EncodedRouteValue.Decode(HttpContext, branch));
        return found is null ? NotFound404("Branch") : Ok(BranchPresenter.Present(found, defaultBranch, permissions.CanPush, WebUrl(permissions.Project)));
    }

    /// <summary>
    /// The project when the caller may read its code. As in the contract's table: anonymous callers get 401 for
    /// anything not public, signed-in users 404 for what they cannot see and 403 when they may see it but not its code.
    /// </summary>
    private async Task<(ProjectPermissions? Permissions, IActionResult? Denied)> FindProjectAsync(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return (null, denied);
        var permissions = await projects.FindOrNullAsync(EncodedRouteValue.Decode(HttpContext, id), auth, HttpContext.RequestAborted);
        if (permissions is not { CanRead: true }) return (null, auth.SignedIn ? NotFound404("Project") : Unauthorized401());
        return permissions.CanReadCode ? (permissions, null) : (null, Forbidden403());
    }

    private string WebUrl(Project project) => $"{settings.BaseUrl}/{project.FullPath}";
}
