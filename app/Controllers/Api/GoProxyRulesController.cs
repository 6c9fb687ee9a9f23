using GitLabLite.Controllers.Concerns;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Administration of pull-through (admins only, since upstream URLs decide where this server connects): allow/deny
/// rules for the instance and for a group's endpoint, a group's own upstreams, and the cached public module versions
/// with their purge.
/// </summary>
[Authenticate(RequireAdmin = true)]
public sealed class GoProxyRulesController(GoProxyRuleRepository rules, PulledModuleRepository pulled, GoProxyGroupSettingsRepository groupSettings) : ApiController
{
    [HttpGet("admin/packages/go/rules")]
    public async Task<IActionResult> Index() => Ok((await rules.ListAsync(null, Ct)).Select(GoProxyRulePresenter.Present));

    [HttpPost("admin/packages/go/rules")]
    public async Task<IActionResult> Create([FromParams] CreateGoProxyRuleParams p) => await CreateAsync(null, p);

    [HttpDelete("admin/packages/go/rules/{ruleId:long}")]
    public async Task<IActionResult> Destroy(long ruleId) => await rules.DeleteAsync(null, ruleId, Ct) ? NoContent() : NotFound404("Rule");

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
        await rules.DeleteAsync(HttpContext.GroupPermissions().Group.Id, ruleId, Ct) ? NoContent() : NotFound404("Rule");

    /// <summary>The group's own upstreams, or null when it uses its ancestors' or the instance's.</summary>
    [HttpGet("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> GroupSettings(string id)
    {
        var groupId = HttpContext.GroupPermissions().Group.Id;
        return Ok(new { upstreams = (await groupSettings.FindAsync([groupId], Ct)).GetValueOrDefault(groupId) });
    }

    [HttpPut("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> UpdateGroupSettings(string id, [FromParams] UpdateGoProxyGroupSettingsParams p)
    {
        var upstreams = p.Upstreams!.Select(u => u.TrimEnd('/')).ToArray();
        await groupSettings.SaveAsync(HttpContext.GroupPermissions().Group.Id, upstreams, Ct);
        return Ok(new { upstreams });
    }

    [HttpDelete("groups/{id}/packages/go/settings")]
    [AuthorizeGroup]
    public async Task<IActionResult> ResetGroupSettings(string id) =>
        await groupSettings.DeleteAsync(HttpContext.GroupPermissions().Group.Id, Ct) ? NoContent() : NotFound404("Settings");

    [HttpGet("admin/packages/go/modules")]
    public async Task<IActionResult> Modules([FromQuery] Pagination pagination)
    {
        var page = await pulled.ListAsync(pagination.PerPage, pagination.Offset, Ct);
        return Paginated(pagination, await pulled.CountAsync(Ct), page.Select(PulledModulePresenter.Present));
    }

    [HttpDelete("admin/packages/go/modules/{moduleId:long}")]
    public async Task<IActionResult> Purge(long moduleId, [FromServices] PurgePulledModuleService service) =>
        FromService(await service.ExecuteAsync(moduleId, Ct), PulledModulePresenter.Present);

    private async Task<IActionResult> CreateAsync(long? namespaceId, CreateGoProxyRuleParams p)
    {
        var rule = await rules.CreateAsync(namespaceId, p.Action!, p.ModulePattern!, string.IsNullOrEmpty(p.VersionPattern) ? "*" : p.VersionPattern, Ct);
        return StatusCode(StatusCodes.Status201Created, GoProxyRulePresenter.Present(rule));
    }
}
