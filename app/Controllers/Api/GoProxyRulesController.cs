using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Params;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Administration of pull-through (admins only, since upstream URLs decide where this server connects): allow/deny
/// rules for the instance and for a group's endpoint, a group's own upstreams, and the cached public module versions
/// with their purge.
/// </summary>
[Authenticate(RequireAdmin = true)]
public sealed class GoProxyRulesController(GoProxyRulesFinder rules, PulledModulesFinder pulled, GoProxyRulesService service) : ApiController
{
    [HttpGet("admin/packages/go/rules")]
    public async Task<IActionResult> Index() => Ok((await rules.ListAsync(null, Ct)).Select(GoProxyRulePresenter.Present));

    [HttpPost("admin/packages/go/rules")]
    public async Task<IActionResult> Create([FromParams] CreateGoProxyRuleParams p) => await CreateAsync(null, p);

    [HttpDelete("admin/packages/go/rules/{ruleId:long}")]
    public async Task<IActionResult> Destroy(long ruleId) => await service.DeleteRuleAsync(null, ruleId, Ct) ? NoContent() : NotFound404("Rule");

    [HttpGet("groups/{id}/packages/go/rules")]
    [AuthorizeGroup]
    public async Task<IActionResult> GroupIndex(string id) =>
        Ok((await rules.ListAsync(HttpContext.GroupPermissions().Group.Id, Ct)).Select(GoProxyRulePresenter.Present));

    [HttpPost("groups/{id}/packages/go/rules")]
    [AuthorizeGroup]
    public async Task<IActionResult> GroupCreate(string id, [FromParams] CreateGoProxyRuleParams p) => await CreateAsync(HttpContext.GroupPermissions().Group.Id, p);

    [HttpDelete("groups/{id}/packages/go/rules/{ruleId:long}")]
    [AuthorizeGroup]
    public async Task<IActionResult> GroupDestroy(string id, long ruleId) =>
        await service.DeleteRuleAsync(HttpContext.GroupPermissions().Group.Id, ruleId, Ct) ? NoContent() : NotFound404("Rule");

    /// <summary>The group's own upstreams, or null when it uses its ancestors' or the instance's.</summary>
    [HttpGet("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> GroupSettings(string id) =>
        Ok(new { upstreams = await rules.GroupUpstreamsOrNullAsync(HttpContext.GroupPermissions().Group.Id, Ct) });

    [HttpPut("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> UpdateGroupSettings(string id, [FromParams] UpdateGoProxyGroupSettingsParams p) =>
        Ok(new { upstreams = await service.SetGroupUpstreamsAsync(HttpContext.GroupPermissions().Group.Id, p, Ct) });

    [HttpDelete("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> ResetGroupSettings(string id) =>
        await service.ResetGroupUpstreamsAsync(HttpContext.GroupPermissions().Group.Id, Ct) ? NoContent() : NotFound404("Settings");

    [HttpGet("admin/packages/go/modules")]
    public async Task<IActionResult> Modules([FromQuery] Pagination pagination)
    {
        var (page, total) = await pulled.ListAsync(pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(PulledModulePresenter.Present));
    }

    [HttpDelete("admin/packages/go/modules/{moduleId:long}")]
    public async Task<IActionResult> Purge(long moduleId, [FromServices] PurgePulledModuleService service) =>
        FromService(await service.ExecuteAsync(moduleId, Ct), PulledModulePresenter.Present);

    private async Task<IActionResult> CreateAsync(long? namespaceId, CreateGoProxyRuleParams p) =>
        StatusCode(StatusCodes.Status201Created, GoProxyRulePresenter.Present(await service.CreateRuleAsync(namespaceId, p, Ct)));
}
