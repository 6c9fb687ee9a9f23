using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// GET /projects/:id/packages and /projects/:id/packages/:package_id, listing the Go module versions the project's
/// proxy serves. Access is exactly the proxy's (<see cref="GoProxyAccess"/>), answered in the REST API's JSON style.
/// </summary>
public sealed class PackagesController(GoProxyAccess access, PackagesFinder packages, PackagePresenter presenter) : ApiController
{
    // GitLab's package types: any other value is a 400; a real type other than golang simply has no packages here.
    private static readonly HashSet<string> PackageTypes =
    [
        "maven", "npm", "conan", "nuget", "pypi", "composer", "generic", "golang", "debian", "rubygems", "helm",
        "terraform_module", "rpm", "ml_model", "cargo",
    ];

    [HttpGet("projects/{id}/packages")]
    public async Task<IActionResult> Index(string id, [FromQuery(Name = "package_type")] string? packageType, [FromQuery] Pagination pagination)
    {
        var (project, denied) = await AuthorizeAsync(id);
        if (denied is not null) return denied;
        if (packageType is not null && !PackageTypes.Contains(packageType)) return BadRequest400("package_type does not have a valid value");
        var all = packageType is null or PackagePresenter.PackageType ? packages.List(project!) : [];
        var page = all.Skip(pagination.Offset).Take(pagination.PerPage).Select(p => presenter.Present(project!, p));
        return Paginated(pagination, all.Count, page);
    }

    [HttpGet("projects/{id}/packages/{packageId:long}")]
    public async Task<IActionResult> Show(string id, long packageId)
    {
        var (project, denied) = await AuthorizeAsync(id);
        if (denied is not null) return denied;
        var package = packages.FindOrNull(project!, packageId);
        return package is null ? NotFound404("Package") : Ok(presenter.Present(project!, package));
    }

    /// <summary>The REST API's credential checks first (invalid token 401, missing scope 403), then the proxy's gate.</summary>
    private async Task<(Project? Project, IActionResult? Denied)> AuthorizeAsync(string id)
    {
        var (_, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return (null, denied);
        var decision = await access.AuthorizeAsync(HttpContext, EncodedRouteValue.Decode(HttpContext, id));
        return decision.Status switch
        {
            200 => (decision.Project, null),
            401 => (null, Unauthorized401()),
            403 => (null, Forbidden403()),
            // No such project, one the caller cannot see, and the proxy being off all read the same.
            _ => (null, NotFound404("Project")),
        };
    }
}
