using GitLabLite.Controllers.Api;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>The project lists: "Your projects" at / for a signed-in user, and Explore for everyone.</summary>
public sealed class DashboardController(ProjectsFinder projects) : WebController
{
    [HttpGet("")]
    public async Task<IActionResult> Home([FromQuery] Pagination pagination)
    {
        // GitLab sends visitors without a session to the public project list.
        if (CurrentUser is null) return Redirect("/explore/projects");
        return await ListAsync("Your projects", new ProjectListFilter(CurrentUser.Id, Admin: false, Membership: true), pagination);
    }

    [HttpGet("explore/projects")]
    [HttpGet("explore")]
    public Task<IActionResult> Explore([FromQuery] Pagination pagination) =>
        ListAsync("Explore projects", new ProjectListFilter(CurrentUser?.Id, CurrentUser?.Admin ?? false), pagination);

    private async Task<IActionResult> ListAsync(string title, ProjectListFilter filter, Pagination pagination)
    {
        var (page, total) = await projects.ListAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        ViewData["Title"] = title;
        return View("~/Views/Dashboard/Projects.cshtml", new ProjectListPage(title, page, pagination.Links(total, "projects")));
    }
}
