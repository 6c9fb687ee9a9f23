using GitLabLite.Finders.Packages.Go;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Features;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// The project page at /&lt;full_path&gt;. Its route is the plain catch-all, which every literal or constrained route
/// (the API, git HTTP, /-/..., /users/..., /admin/..., /&lt;full_path&gt;/-/packages) outranks; so any GET nothing else
/// answers lands here, and is a project page or the 404 page. A project the user may not see is that same 404.
/// </summary>
public sealed class ProjectsController(
    ProjectFinder projects, RepositoryRefsFinder refs, ModuleFinder modules, VersionFinder versions, PackagesFinder packages, ProjectFeatureGate features,
    GoSetupPresenter goSetup, ProjectUrls urls) : WebController
{
    [HttpGet("{**fullPath}")]
    public async Task<IActionResult> Show(string? fullPath)
    {
        // Unknown API paths keep their JSON 404 (written by the status code handler for bodiless responses).
        if (fullPath is null || fullPath.StartsWith("api/", StringComparison.Ordinal)) return fullPath is null ? NotFoundPage() : NotFound();
        var permissions = await FindAsync(fullPath.TrimEnd('/'));
        if (permissions is null) return NotFoundPage();
        var project = permissions.Project;
        var tags = permissions.CanReadCode ? refs.ListTags(project, new TagListParams()) : [];
        var versions = permissions.CanReadCode ? RootModuleVersions(project) : [];
        var served = permissions.CanReadCode ? await packages.ListServedAsync(project, Ct) : [];
        ViewData["Title"] = project.NameWithNamespace;
        return View(new ProjectPage(permissions, urls.HttpUrlToRepo(project), tags,
            goSetup.Present(project, CurrentUser), await features.EnabledAsync(FeatureNames.GoProxy, project, Ct), versions, served));
    }

    private async Task<ProjectPermissions?> FindAsync(string fullPath)
    {
        // Numeric paths would be read as project ids by the finder; pages address projects by path only.
        if (!fullPath.Contains('/')) return null;
        var found = await projects.FindOrNullAsync(fullPath, Auth, Ct);
        return found is { CanRead: true } ? found : null;
    }

    /// <summary>The root module's versions, newest first, each with its commit time (the proxy's .info answer).</summary>
    private List<ModuleVersion> RootModuleVersions(Project project)
    {
        using var module = modules.FindRootOrNull(project);
        return module is null ? [] : versions.Execute(module).Reverse().ToList();
    }
}
