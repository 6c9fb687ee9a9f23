using GitLabLite.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// /projects/:id/packages/go/tag_allowances: an Owner's (or admin's) permission for the next push to move or delete
/// one tag whose version was served to Go clients (push protection refuses it otherwise). Audited.
/// </summary>
[Authenticate(RequireSignIn = true)]
public sealed class TagAllowancesController(
    TagAllowancesFinder allowances, TagAllowancePresenter presenter, CreateTagAllowanceService create, RevokeTagAllowanceService revoke) : ApiController
{
    [HttpGet("projects/{id}/packages/go/tag_allowances")]
    [AuthorizeProject]
    public async Task<IActionResult> Index(string id)
    {
        var permissions = HttpContext.ProjectPermissions();
        if (!permissions.IsOwner) return Forbidden403();
        return Ok((await allowances.ListAsync(permissions.Project, Ct)).Select(presenter.Present));
    }

    [HttpPost("projects/{id}/packages/go/tag_allowances")]
    [AuthorizeProject]
    public async Task<IActionResult> Create(string id, [FromParams] CreateTagAllowanceParams p) =>
        FromService(await create.ExecuteAsync(HttpContext.ProjectPermissions(), Caller.User!, p.TagName!, ClientAddress, Ct), presenter.Present, StatusCodes.Status201Created);

    [HttpDelete("projects/{id}/packages/go/tag_allowances/{allowanceId:long}")]
    [AuthorizeProject]
    public async Task<IActionResult> Destroy(string id, long allowanceId)
    {
        var result = await revoke.ExecuteAsync(HttpContext.ProjectPermissions(), Caller.User!, allowanceId, ClientAddress, Ct);
        return result.Success ? NoContent() : FromService(result, _ => new { });
    }

    private string? ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString();
}
