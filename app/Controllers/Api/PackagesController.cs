using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Models.Features;
using GitLabLite.Presenters.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// GET /projects/:id/packages and /projects/:id/packages/:package_id, listing the Go module versions the project's
/// proxy serves. Access is exactly the proxy's (code access and the go_proxy gate), answered in the REST API's style:
/// no such project, one the caller cannot see, and the proxy being off all read the same.
/// </summary>
public sealed class PackagesController(PackagesFinder packages, PackagePresenter presenter) : ApiController
{
    // GitLab's package types: any other value is a 400; a real type other than golang simply has no packages here.
    private static readonly HashSet<string> PackageTypes =
    [
        "maven", "npm", "conan", "nuget", "pypi", "composer", "generic", "golang", "debian", "rubygems", "helm",
        "terraform_module", "rpm", "ml_model", "cargo",
    ];

    [HttpGet("projects/{id}/packages")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    [RequireFeature(FeatureNames.GoProxy)]
    public async Task<IActionResult> Index(string id, [FromQuery(Name = "package_type")] string? packageType, [FromQuery] Pagination pagination)
    {
        if (packageType is not null && !PackageTypes.Contains(packageType)) return BadRequest400("package_type does not have a valid value");
        var project = HttpContext.ProjectPermissions().Project;
        var all = packageType is null or PackagePresenter.PackageType ? await packages.ListAsync(project, Ct) : [];
        var page = all.Skip(pagination.Offset).Take(pagination.PerPage).Select(p => presenter.Present(project, p));
        return Paginated(pagination, all.Count, page);
    }

    [HttpGet("projects/{id}/packages/{packageId:long}")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    [RequireFeature(FeatureNames.GoProxy)]
    public async Task<IActionResult> Show(string id, long packageId)
    {
        var project = HttpContext.ProjectPermissions().Project;
        var package = await packages.FindOrNullAsync(project, packageId, Ct);
        return package is null ? NotFound404("Package") : Ok(presenter.Present(project, package));
    }
}
