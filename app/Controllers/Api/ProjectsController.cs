using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class ProjectsController(
    ProjectsFinder projects, ProjectPresenter presenter, CreateProjectService create, UpdateProjectService update,
    DestroyProjectService destroy) : ApiController
{
    [HttpPost("projects")]
    public async Task<IActionResult> Create([FromParams] CreateProjectParams p) =>
        FromService(await create.ExecuteAsync(p, Caller, Ct), Present, StatusCodes.Status201Created);

    /// <summary>Visible projects, newest first, as GitLab's default order_by=created_at (id) desc.</summary>
    [HttpGet("projects")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination, [FromParams] ListProjectsParams p)
    {
        var filter = p.ToFilter(Caller.User?.Id, Caller.IsAdmin);
        if (p.Simple)
        {
            var (page, total) = await projects.ListAsync(filter, pagination.Offset, pagination.PerPage, Ct);
            return Paginated(pagination, total, page.Select(presenter.PresentSimple));
        }
        var (full, count) = await projects.ListWithRepositoryStateAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, count, full.Select(presenter.Present));
    }

    [HttpGet("projects/{id}")]
    [AuthorizeProject]
    public IActionResult Show(string id) => Ok(Present(HttpContext.ProjectPermissions().Project));

    /// <summary>Where a background import stands (scheduled, started, finished, failed, or none).</summary>
    [HttpGet("projects/{id}/import")]
    [AuthorizeProject]
    public IActionResult Import(string id) => Ok(presenter.PresentImport(HttpContext.ProjectPermissions().Project));

    [HttpPut("projects/{id}")]
    [AuthorizeProject]
    public async Task<IActionResult> Update(string id, [FromParams] UpdateProjectParams p) =>
        FromService(await update.ExecuteAsync(HttpContext.ProjectPermissions(), p, Ct), Present);

    /// <summary>GitLab deletes in the background and answers 202; here the deletion is done when it answers.</summary>
    [HttpDelete("projects/{id}")]
    [AuthorizeProject]
    public async Task<IActionResult> Destroy(string id) =>
        FromService(await destroy.ExecuteAsync(HttpContext.ProjectPermissions(), Ct), _ => new { message = "202 Accepted" }, StatusCodes.Status202Accepted);

    private ProjectEntity Present(Project project) => presenter.Present(projects.WithRepositoryState(project));
}
