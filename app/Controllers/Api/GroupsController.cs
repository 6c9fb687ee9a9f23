using GitLabLite.Controllers.Concerns;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class GroupsController(
    NamespaceRepository namespaces, ProjectRepository projects, GroupPresenter presenter, ProjectPresenter projectPresenter,
    CreateGroupService create) : ApiController
{
    /// <summary>GitLab's show embeds at most this many of the group's projects.</summary>
    private const int ShownProjects = 100;

    [HttpPost("groups")]
    public async Task<IActionResult> Create([FromParams] CreateGroupParams p) =>
        FromService(await create.ExecuteAsync(p, Caller, Ct), presenter.Present, StatusCodes.Status201Created);

    [HttpGet("groups")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination, [FromQuery] string? search)
    {
        var auth = Caller;
        search = string.IsNullOrEmpty(search) ? null : search;
        var page = await namespaces.ListVisibleGroupsAsync(auth.User?.Id, auth.IsAdmin, search, pagination.Offset, pagination.PerPage, Ct);
        var total = await namespaces.CountVisibleGroupsAsync(auth.User?.Id, auth.IsAdmin, search, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    [HttpGet("groups/{id}")]
    [AuthorizeGroup]
    public async Task<IActionResult> Show(string id)
    {
        var group = HttpContext.GroupPermissions().Group;
        var filter = new ProjectListFilter(Caller.User?.Id, Caller.IsAdmin, NamespaceId: group.Id);
        var shown = await projects.ListVisibleAsync(filter, 0, ShownProjects, Ct);
        return Ok(presenter.PresentDetail(group, shown.Select(projectPresenter.Present).ToList()));
    }

    /// <summary>The group's own projects that the caller may see.</summary>
    [HttpGet("groups/{id}/projects")]
    [AuthorizeGroup]
    public async Task<IActionResult> Projects(string id, [FromQuery] Pagination pagination)
    {
        var filter = new ProjectListFilter(Caller.User?.Id, Caller.IsAdmin, NamespaceId: HttpContext.GroupPermissions().Group.Id);
        var page = await projects.ListVisibleAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        var total = await projects.CountVisibleAsync(filter, Ct);
        return Paginated(pagination, total, page.Select(projectPresenter.Present));
    }
}
