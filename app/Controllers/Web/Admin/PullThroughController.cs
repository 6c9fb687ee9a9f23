using GitLabLite.Finders.Packages.Go;
using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Params;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GitLabLite.Controllers.Web.Admin;

/// <summary>
/// Admin › Go pull-through: the upstream and checksum-database settings in force, the instance's allow/deny rules
/// (add, delete), and every cached public module version (size, verified tree size, first fetched, downloads) with
/// a purge button.
/// </summary>
[Route("admin/packages/go")]
public sealed class PullThroughController(
    IOptions<GoProxyOptions> options, ChecksumDatabase sumdb, GoProxyRulesFinder rules, PulledModulesFinder pulled,
    GoProxyRulesService service, PurgePulledModuleService purge, GoSetupPresenter goSetup) : AdminController
{
    private const int PerPage = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int page = 1)
    {
        page = Math.Max(page, 1);
        var o = options.Value;
        var (modules, total) = await pulled.ListAsync((page - 1) * PerPage, PerPage, Ct);
        ViewData["Title"] = "Go pull-through · Admin area";
        return View("~/Views/Admin/PullThrough.cshtml", new PullThroughPage(
            goSetup.Instance(CurrentUser).GoEnvLine,
            o.EffectiveUpstreams, sumdb.Name, sumdb.Url, sumdb.Client.Latest.N == 0 ? null : sumdb.Client.Latest.N, o.NoSumDb, o.Offline,
            o.AnonymousPullThrough, o.ListTtlSeconds, await rules.ListAsync(null, Ct),
            modules, total, page, PerPage));
    }

    [HttpPost("rules")]
    public async Task<IActionResult> CreateRule([FromForm] CreateGoProxyRuleParams p, [FromServices] FluentValidation.IValidator<CreateGoProxyRuleParams> validator)
    {
        var check = await validator.ValidateAsync(p, Ct);
        if (!check.IsValid) return Back(FlashAlert, string.Join("; ", check.Errors.Select(e => $"{e.PropertyName} {e.ErrorMessage}")));
        var rule = await service.CreateRuleAsync(null, p, Ct);
        return Back(FlashNotice, $"Rule added: {rule.Describe(null)}.");
    }

    [HttpPost("rules/{id:long}/delete")]
    public async Task<IActionResult> DeleteRule(long id) =>
        await service.DeleteRuleAsync(null, id, Ct) ? Back(FlashNotice, $"Rule #{id} deleted.") : Back(FlashAlert, $"There is no rule #{id}.");

    [HttpPost("modules/{id:long}/purge")]
    public async Task<IActionResult> Purge(long id)
    {
        var result = await purge.ExecuteAsync(id, Ct);
        return result.Payload is { } m
            ? Back(FlashNotice, $"Purged {m.ModulePath}@{m.Version}: the next request fetches and verifies it again.")
            : Back(FlashAlert, "That module version is not cached (any more).");
    }

    private RedirectResult Back(string kind, string message)
    {
        TempData[kind] = message;
        return Redirect("/admin/packages/go");
    }
}
