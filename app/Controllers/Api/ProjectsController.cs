using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class ProjectsController(
    ProjectRepository projects, ProjectPresenter presenter, CreateProjectService create, UpdateProjectService update,
    DestroyProjectService destroy) : ProjectsContextController
{
    [HttpPost("projects")]
    public async Task<IActionResult> Create()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (p, invalid) = await ReadParamsAsync<CreateProjectParams>();
        if (invalid is not null) return invalid;
        return FromService(await create.ExecuteAsync(p!, auth, Ct), presenter.Present, StatusCodes.Status201Created);
    }

    /// <summary>Visible projects, newest first, as GitLab's default order_by=created_at (id) desc.</summary>
    [HttpGet("projects")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (p, invalid) = await ReadParamsAsync<ListProjectsParams>();
        if (invalid is not null) return invalid;
        var filter = new ProjectListFilter(auth.User?.Id, auth.IsAdmin, string.IsNullOrEmpty(p!.Search) ? null : p.Search,
            Membership: p.Membership, Owned: p.Owned, VisibilityLevel: (int?)VisibilityNames.Parse(p.Visibility));
        var page = await projects.ListVisibleAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        var total = await projects.CountVisibleAsync(filter, Ct);
        Func<Project, object> present = p.Simple ? presenter.PresentSimple : presenter.Present;
        return Paginated(pagination, total, page.Select(present));
    }

    [HttpGet("projects/{id}")]
    public async Task<IActionResult> Show(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (found, missing) = await FindProjectAsync(id, auth);
        return missing ?? Ok(presenter.Present(found!.Project));
    }

    /// <summary>Where a background import stands (scheduled, started, finished, failed, or none).</summary>
    [HttpGet("projects/{id}/import")]
    public async Task<IActionResult> Import(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (found, missing) = await FindProjectAsync(id, auth);
        return missing ?? Ok(presenter.PresentImport(found!.Project));
    }

    [HttpPut("projects/{id}")]
    public async Task<IActionResult> Update(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (found, missing) = await FindProjectAsync(id, auth);
        if (missing is not null) return missing;
        var (p, invalid) = await ReadParamsAsync<UpdateProjectParams>();
        if (invalid is not null) return invalid;
        return FromService(await update.ExecuteAsync(found!, p!, Ct), presenter.Present);
    }

    /// <summary>GitLab deletes in the background and answers 202; here the deletion is done when it answers.</summary>
    [HttpDelete("projects/{id}")]
    public async Task<IActionResult> Destroy(string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (found, missing) = await FindProjectAsync(id, auth);
        if (missing is not null) return missing;
        return FromService(await destroy.ExecuteAsync(found!, Ct), _ => new { message = "202 Accepted" }, StatusCodes.Status202Accepted);
    }
}
