using GitLabLite.Controllers.Api;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Features;
using GitLabLite.Initializers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// The project page at /&lt;full_path&gt;. Its route is the plain catch-all, which every literal or constrained route
/// (the API, git HTTP, /-/..., /users/..., /admin/..., /&lt;full_path&gt;/-/packages) outranks; so any GET nothing else
/// answers lands here, and is a project page or the 404 page. A project the user may not see is that same 404.
/// </summary>
[EnableRateLimiting(PagesOptions.Policy)]
public sealed class ProjectsController(
    ProjectFinder projects, RepositoryRefsFinder refs, ModuleFinder modules, VersionFinder versions, PackagesFinder packages, ProjectFeatureGate features,
    GoSetupPresenter goSetup, ProjectUrls urls) : WebController
{
    /// <summary>
    /// Tags (page, per_page), the root module's versions (versions_page) and served versions (served_page) are each
    /// listed a page at a time (tags and versions newest first), so a project with thousands of tags costs a view no more than a small one.
    /// </summary>
    [HttpGet("{**fullPath}")]
    public async Task<IActionResult> Show(string? fullPath, [FromQuery] Pagination pagination,
        [FromQuery(Name = "versions_page")] string? versionsPage, [FromQuery(Name = "served_page")] string? servedPage)
    {
        // Unknown API paths keep their JSON 404 (written by the status code handler for bodiless responses).
        if (fullPath is null || fullPath.StartsWith("api/", StringComparison.Ordinal)) return fullPath is null ? NotFoundPage() : NotFound();
        var permissions = await FindAsync(fullPath.TrimEnd('/'));
        if (permissions is null) return NotFoundPage();
        var project = permissions.Project;
        var (tags, totalTags) = permissions.CanReadCode ? refs.ListTags(project, new TagListParams(), pagination.Offset, pagination.PerPage) : ([], 0);
        var versionPaging = pagination.WithPage(versionsPage);
        var versions = permissions.CanReadCode ? RootModuleVersions(project) : [];
        var servedPaging = pagination.WithPage(servedPage);
        var served = permissions.CanReadCode ? await packages.ListServedAsync(project, Ct) : [];
        ViewData["Title"] = project.NameWithNamespace;
        return View(new ProjectPage(permissions, urls.HttpUrlToRepo(project),
            tags, pagination.Links(totalTags, "tags"),
            goSetup.Present(project, CurrentUser), await features.EnabledAsync(FeatureNames.GoProxy, project, Ct),
            versionPaging.Slice(Enumerable.Reverse(versions)), versionPaging.Links(versions.Count, "go-versions", "versions_page"),
            servedPaging.Slice(served), servedPaging.Links(served.Count, "go-served-versions", "served_page")));
    }

    private async Task<ProjectPermissions?> FindAsync(string fullPath)
    {
        // Numeric paths would be read as project ids by the finder; pages address projects by path only.
        if (!fullPath.Contains('/')) return null;
        var found = await projects.FindOrNullAsync(fullPath, Auth, Ct);
        return found is { CanRead: true } ? found : null;
    }

    /// <summary>The root module's versions, oldest first, each with its commit time (the proxy's .info answer).</summary>
    private IReadOnlyList<ModuleVersion> RootModuleVersions(Project project)
    {
        using var module = modules.FindRootOrNull(project);
        return module is null ? [] : versions.Execute(module);
    }
}
