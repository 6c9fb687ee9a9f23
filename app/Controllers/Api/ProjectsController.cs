using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class ProjectsController(
    ProjectRepository projects, ProjectPresenter presenter, CreateProjectService create, UpdateProjectService update,
    DestroyProjectService destroy) : ApiController
{
    [HttpPost("projects")]
    public async Task<IActionResult> Create([FromParams] CreateProjectParams p) =>
        FromService(await create.ExecuteAsync(p, Caller, Ct), presenter.Present, StatusCodes.Status201Created);

    /// <summary>Visible projects, newest first, as GitLab's default order_by=created_at (id) desc.</summary>
    [HttpGet("projects")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination, [FromParams] ListProjectsParams p)
    {
        var filter = new ProjectListFilter(Caller.User?.Id, Caller.IsAdmin, string.IsNullOrEmpty(p.Search) ? null : p.Search,
            Membership: p.Membership, Owned: p.Owned, VisibilityLevel: (int?)VisibilityNames.Parse(p.Visibility));
        var page = await projects.ListVisibleAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        var total = await projects.CountVisibleAsync(filter, Ct);
        Func<Project, object> present = p.Simple ? presenter.PresentSimple : presenter.Present;
        return Paginated(pagination, total, page.Select(present));
    }

    [HttpGet("projects/{id}")]
    [AuthorizeProject]
    public IActionResult Show(string id) => Ok(presenter.Present(HttpContext.ProjectPermissions().Project));

    /// <summary>Where a background import stands (scheduled, started, finished, failed, or none).</summary>
    [HttpGet("projects/{id}/import")]
    [AuthorizeProject]
    public IActionResult Import(string id) => Ok(presenter.PresentImport(HttpContext.ProjectPermissions().Project));

    [HttpPut("projects/{id}")]
    [AuthorizeProject]
    public async Task<IActionResult> Update(string id, [FromParams] UpdateProjectParams p) =>
        FromService(await update.ExecuteAsync(HttpContext.ProjectPermissions(), p, Ct), presenter.Present);

    /// <summary>GitLab deletes in the background and answers 202; here the deletion is done when it answers.</summary>
    [HttpDelete("projects/{id}")]
    [AuthorizeProject]
    public async Task<IActionResult> Destroy(string id) =>
        FromService(await destroy.ExecuteAsync(HttpContext.ProjectPermissions(), Ct), _ => new { message = "202 Accepted" }, StatusCodes.Status202Accepted);
}
