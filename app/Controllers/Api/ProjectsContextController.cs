using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>Lookups the groups, projects and members endpoints share: :id resolution with GitLab's not-found rules, and params.</summary>
public abstract class ProjectsContextController : ApiController
{
    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>
    /// The project when the caller may see it. Otherwise the same answer as for a project that does not exist: 404
    /// for a signed-in caller, 401 for an anonymous one (API.md's authentication table), so nothing leaks.
    /// </summary>
    protected async Task<(ProjectPermissions? Project, IActionResult? Denied)> FindProjectAsync(string id, AuthenticationResult auth)
    {
        var found = await HttpContext.RequestServices.GetRequiredService<ProjectFinder>().FindOrNullAsync(EncodedRouteValue.Decode(HttpContext, id), auth, Ct);
        return found is { CanRead: true } ? (found, null) : (null, auth.SignedIn ? NotFound404("Project") : Unauthorized401());
    }

    /// <summary>As <see cref="FindProjectAsync"/>, for groups.</summary>
    protected async Task<(GroupPermissions? Group, IActionResult? Denied)> FindGroupAsync(string id, AuthenticationResult auth)
    {
        var found = await HttpContext.RequestServices.GetRequiredService<GroupFinder>().FindOrNullAsync(EncodedRouteValue.Decode(HttpContext, id), auth, Ct);
        return found is { CanRead: true } ? (found, null) : (null, auth.SignedIn ? NotFound404("Group") : Unauthorized401());
    }

    /// <summary>Binds query, form or JSON params and validates them; the answer is a 400 naming the field.</summary>
    protected async Task<(T? Params, IActionResult? Invalid)> ReadParamsAsync<T>() where T : class
    {
        var (value, error) = await GitLabParams.ReadAsync<T>(Request);
        if (value is null) return (null, BadRequest400(error ?? "400 Bad request"));
        var invalid = await ValidateAsync(value);
        return invalid is null ? (value, null) : (null, invalid);
    }
}
