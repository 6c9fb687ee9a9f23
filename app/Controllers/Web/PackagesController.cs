using GitLabLite.Finders.Packages.Go;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Features;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// The package registry of a project (/&lt;full_path&gt;/-/packages, and /-/packages/:id, which the API's web_path
/// names): the Go module versions its proxy serves. Readable by whoever may read the project's code.
/// </summary>
public sealed class PackagesController(
    ProjectFinder projects, PackagesFinder packages, ModuleZipCache zips, ProjectFeatureGate features, GoSetupPresenter goSetup) : WebController
{
    private const string Suffix = "/-/packages";

    [HttpGet("{**path:regex(/-/packages$)}")]
    public Task<IActionResult> Index(string path) => RenderAsync(path[..^Suffix.Length], null);

    [HttpGet("{**path:regex(/-/packages/\\d+$)}")]
    public Task<IActionResult> Show(string path)
    {
        var at = path.LastIndexOf(Suffix + "/", StringComparison.Ordinal);
        return long.TryParse(path[(at + Suffix.Length + 1)..], out var id)
            ? RenderAsync(path[..at], id)
            : Task.FromResult(NotFoundPage());
    }

    private async Task<IActionResult> RenderAsync(string fullPath, long? selectedId)
    {
        var found = fullPath.Contains('/') ? await projects.FindOrNullAsync(fullPath, Auth, Ct) : null;
        if (found is not { CanReadCode: true }) return NotFoundPage();
        var project = found.Project;
        var rows = (await packages.ListAsync(project, Ct)).Select(p => new PackageRow(p, zips.CachedSizeOrNull(p.Source))).ToList();
        if (selectedId is { } id && rows.All(r => r.Package.Id != id)) return NotFoundPage();
        ViewData["Title"] = $"Package registry · {project.NameWithNamespace}";
        return View("~/Views/Packages/Index.cshtml",
            new PackagesPage(project, goSetup.Present(project, CurrentUser), await features.EnabledAsync(FeatureNames.GoProxy, project, Ct), rows, selectedId));
    }
}
