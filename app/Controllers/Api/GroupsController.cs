using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class GroupsController(
    NamespaceRepository namespaces, ProjectRepository projects, GroupPresenter presenter, ProjectPresenter projectPresenter,
    CreateGroupService create) : ProjectsContextController
{
    /// <summary>GitLab's show embeds at most this many of the group's projects.</summary>
    private const int ShownProjects = 100;

    [HttpPost("groups")]
    public async Task<IActionResult> Create()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (p, invalid) = await ReadParamsAsync<CreateGroupParams>();
        if (invalid is not null) return invalid;
        return FromService(await create.ExecuteAsync(p!, auth, Ct), presenter.Present, StatusCodes.Status201Created);
    }

    [HttpGet("groups")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination, [FromQuery] string? search)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        search = string.IsNullOrEmpty(search) ? null : search;
        var page = await namespaces.ListVisibleGroupsAsync(auth.User?.Id, auth.IsAdmin, search, pagination.Offset, pagination.PerPage, Ct);
        var total = await namespaces.CountVisibleGroupsAsync(auth.User?.Id, auth.IsAdmin, search, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    [HttpGet("groups/{id}")]
    public async Task<IActionResult> Show(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (found, missing) = await FindGroupAsync(id, auth);
        if (missing is not null) return missing;
        var filter = new ProjectListFilter(auth.User?.Id, auth.IsAdmin, NamespaceId: found!.Group.Id);
        var shown = await projects.ListVisibleAsync(filter, 0, ShownProjects, Ct);
        return Ok(presenter.PresentDetail(found.Group, shown.Select(projectPresenter.Present).ToList()));
    }

    /// <summary>The group's own projects that the caller may see.</summary>
    [HttpGet("groups/{id}/projects")]
    public async Task<IActionResult> Projects(string id, [FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (found, missing) = await FindGroupAsync(id, auth);
        if (missing is not null) return missing;
        var filter = new ProjectListFilter(auth.User?.Id, auth.IsAdmin, NamespaceId: found!.Group.Id);
        var page = await projects.ListVisibleAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        var total = await projects.CountVisibleAsync(filter, Ct);
        return Paginated(pagination, total, page.Select(projectPresenter.Present));
    }
}
