using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class GroupsController(
    GroupsFinder groups, ProjectsFinder projects, GroupPresenter presenter, ProjectPresenter projectPresenter,
    CreateGroupService create, UpdateGroupService update, DestroyGroupService destroy) : ApiController
{
    /// <summary>GitLab's show embeds at most this many of the group's projects.</summary>
    private const int ShownProjects = 100;

    [HttpPost("groups")]
    public async Task<IActionResult> Create([FromParams] CreateGroupParams p) =>
        FromService(await create.ExecuteAsync(p, Caller, Ct), presenter.Present, StatusCodes.Status201Created);

    [HttpGet("groups")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination, [FromQuery] string? search)
    {
        var (page, total) = await groups.ListAsync(new GroupListFilter(Caller.User?.Id, Caller.IsAdmin, search), pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    /// <summary>The group's direct subgroups that the caller may see.</summary>
    [HttpGet("groups/{id}/subgroups")]
    [AuthorizeGroup]
    public Task<IActionResult> Subgroups(string id, [FromQuery] Pagination pagination, [FromQuery] string? search) =>
        BelowAsync(pagination, new GroupListFilter(Caller.User?.Id, Caller.IsAdmin, search, ParentId: HttpContext.GroupPermissions().Group.Id));

    /// <summary>Every group below this one, at any depth, that the caller may see.</summary>
    [HttpGet("groups/{id}/descendant_groups")]
    [AuthorizeGroup]
    public Task<IActionResult> Descendants(string id, [FromQuery] Pagination pagination, [FromQuery] string? search) =>
        BelowAsync(pagination, new GroupListFilter(Caller.User?.Id, Caller.IsAdmin, search, AncestorId: HttpContext.GroupPermissions().Group.Id));

    /// <summary>GitLab deletes in the background and answers 202; here the deletion is done when it answers.</summary>
    [HttpDelete("groups/{id}")]
    [AuthorizeGroup]
    public async Task<IActionResult> Destroy(string id) =>
        FromService(await destroy.ExecuteAsync(HttpContext.GroupPermissions(), Ct), _ => new { message = "202 Accepted" }, StatusCodes.Status202Accepted);

    [HttpGet("groups/{id}")]
    [AuthorizeGroup]
    public Task<IActionResult> Show(string id) => DetailAsync(HttpContext.GroupPermissions().Group);

    /// <summary>Name, description and visibility (Owners); answers the group as GET does.</summary>
    [HttpPut("groups/{id}")]
    [AuthorizeGroup]
    public async Task<IActionResult> Update(string id, [FromParams] UpdateGroupParams p)
    {
        var response = await update.ExecuteAsync(HttpContext.GroupPermissions(), p, Ct);
        return response.Payload is { } group ? await DetailAsync(group) : FromService(response, _ => new { });
    }

    /// <summary>
    /// The group's own projects that the caller may see (with include_subgroups also those of the groups below), by the
    /// filters of GET /projects; always the full entity, which is a superset of simple's.
    /// </summary>
    [HttpGet("groups/{id}/projects")]
    [AuthorizeGroup]
    public async Task<IActionResult> Projects(string id, [FromQuery] Pagination pagination, [FromParams] ListProjectsParams p)
    {
        var filter = p.ToFilter(Caller.User?.Id, Caller.IsAdmin, HttpContext.GroupPermissions().Group.Id);
        var (page, total) = await projects.ListWithRepositoryStateAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(projectPresenter.Present));
    }

    private async Task<IActionResult> BelowAsync(Pagination pagination, GroupListFilter filter)
    {
        var (page, total) = await groups.ListAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    private async Task<IActionResult> DetailAsync(Namespace group)
    {
        var (shown, _) = await projects.ListWithRepositoryStateAsync(new(Caller.User?.Id, Caller.IsAdmin, NamespaceId: group.Id), 0, ShownProjects, Ct);
        return Ok(presenter.PresentDetail(group, shown.Select(projectPresenter.Present).ToList()));
    }
}
