using GitLabLite.Controllers.Api;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Features;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Initializers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// The package registry of a project (/&lt;full_path&gt;/-/packages, and /-/packages/:id, which the API's web_path
/// names): the Go module versions its proxy serves. Readable by whoever may read the project's code.
/// </summary>
[EnableRateLimiting(PagesOptions.Policy)]
public sealed class PackagesController(
    ProjectFinder projects, PackagesFinder packages, ModuleZipCache zips, ProjectFeatureGate features, GoSetupPresenter goSetup) : WebController
{
    private const string Suffix = "/-/packages";

    [HttpGet("{**path:regex(/-/packages$)}")]
    public Task<IActionResult> Index(string path, [FromQuery] Pagination pagination) => RenderAsync(path[..^Suffix.Length], null, pagination);

    [HttpGet("{**path:regex(/-/packages/\\d+$)}")]
    public Task<IActionResult> Show(string path, [FromQuery] Pagination pagination)
    {
        var at = path.LastIndexOf(Suffix + "/", StringComparison.Ordinal);
        return long.TryParse(path[(at + Suffix.Length + 1)..], out var id)
            ? RenderAsync(path[..at], id, pagination)
            : Task.FromResult(NotFoundPage());
    }

    /// <summary>One page of the versions; a selected version without a page number opens the page it is on.</summary>
    private async Task<IActionResult> RenderAsync(string fullPath, long? selectedId, Pagination pagination)
    {
        var found = fullPath.Contains('/') ? await projects.FindOrNullAsync(fullPath, Auth, Ct) : null;
        if (found is not { CanReadCode: true }) return NotFoundPage();
        var project = found.Project;
        var all = await packages.ListAsync(project, Ct);
        if (selectedId is { } id)
        {
            var position = all.Select(p => p.Id).ToList().IndexOf(id);
            if (position < 0) return NotFoundPage();
            if (pagination.PageParam is null) pagination = pagination.WithPage((position / pagination.PerPage + 1).ToString());
        }
        var rows = pagination.Slice(all).Select(p => new PackageRow(p, zips.CachedSizeOrNull(p.Source))).ToList();
        ViewData["Title"] = $"Package registry · {project.NameWithNamespace}";
        return View("~/Views/Packages/Index.cshtml", new PackagesPage(project, goSetup.Present(project, CurrentUser),
            await features.EnabledAsync(FeatureNames.GoProxy, project, Ct), rows, pagination.Links(all.Count, "packages"), selectedId,
            all.Select(p => p.ModulePath).Distinct().ToList()));
    }
}
