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
        var (page, total) = await groups.ListAsync(Caller, search, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    [HttpGet("groups/{id}")]
    [AuthorizeGroup]
    public async Task<IActionResult> Show(string id)
    {
        var group = HttpContext.GroupPermissions().Group;
        var (shown, _) = await projects.ListWithRepositoryStateAsync(GroupProjects(), 0, ShownProjects, Ct);
        return Ok(presenter.PresentDetail(group, shown.Select(projectPresenter.Present).ToList()));
    }

    /// <summary>The group's own projects that the caller may see.</summary>
    [HttpGet("groups/{id}/projects")]
    [AuthorizeGroup]
    public async Task<IActionResult> Projects(string id, [FromQuery] Pagination pagination)
    {
        var (page, total) = await projects.ListWithRepositoryStateAsync(GroupProjects(), pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(projectPresenter.Present));
    }

    private ProjectListFilter GroupProjects() =>
        new(Caller.User?.Id, Caller.IsAdmin, NamespaceId: HttpContext.GroupPermissions().Group.Id);
}
