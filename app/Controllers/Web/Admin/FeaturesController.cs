using GitLabLite.Finders.Features;
using GitLabLite.Models.Features;
using GitLabLite.Params;
using GitLabLite.Presenters.Features;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Features;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web.Admin;

/// <summary>
/// Admin › Feature flags: every defined flag (and any set without a definition) with its state and gates; set a flag
/// for everyone, a project or a group, remove one gate, or delete the flag. Changes go through the same services as
/// the Features API, which reload the snapshot and notify other processes, so the proxy sees them on its next request.
/// </summary>
[Route("admin/features")]
public sealed class FeaturesController(
    FeatureFlags flags, FeatureActorNamesFinder actorNames, SetFeatureService setFeature, DeleteFeatureService deleteFeature) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? project)
    {
        var snapshot = await flags.ReloadAsync(Ct);
        var names = flags.Definitions.All.Select(d => d.Name).Union(snapshot.Features.Keys).Order(StringComparer.Ordinal).ToList();
        var features = names.Select(n => snapshot.Features.GetValueOrDefault(n) ?? Feature.FromGates(n, [])).ToList();
        var actors = await actorNames.NamesAsync(features.SelectMany(f => f.Actors), Ct);
        ViewData["Title"] = "Feature flags · Admin area";
        return View("~/Views/Admin/Features.cshtml", new FeaturesPage(
            features.Select(f => new FeatureRow(FeaturePresenter.Present(f, flags.Definitions), snapshot.Features.ContainsKey(f.Name), f.Actors)).ToList(),
            actors, project ?? "", FeatureNames.GoProxy));
    }

    /// <summary>scope "global" sets the boolean gate; "project" and "group" add (enable) or remove (disable) that actor.</summary>
    [HttpPost("{name}")]
    public async Task<IActionResult> Set(string name, [FromForm] string? value, [FromForm] string? scope, [FromForm] string? target)
    {
        var enable = value == "true";
        var p = scope switch
        {
            "project" => new SetFeatureParams { Value = enable ? "true" : "false", Project = target?.Trim() ?? "" },
            "group" => new SetFeatureParams { Value = enable ? "true" : "false", Group = target?.Trim() ?? "" },
            "user" => new SetFeatureParams { Value = enable ? "true" : "false", User = target?.Trim() ?? "" },
            _ => new SetFeatureParams { Value = enable ? "true" : "false" },
        };
        if (scope is "project" or "group" or "user" && string.IsNullOrWhiteSpace(target))
            return Back(FlashAlert, $"Give the {scope}'s {(scope == "user" ? "username" : "full path")}.");
        var result = await setFeature.ExecuteAsync(name, p, Ct);
        if (!result.Success) return Back(FlashAlert, result.Message!.Replace("400 Bad request - ", ""));
        var who = scope is "project" or "group" or "user" ? $" for {scope} {target!.Trim()}" : " for everyone";
        return Back(FlashNotice, $"{name} {(enable ? "enabled" : "disabled")}{who}. State: {result.Payload!.State}.");
    }

    [HttpPost("{name}/delete")]
    public async Task<IActionResult> Delete(string name)
    {
        await deleteFeature.ExecuteAsync(name, Ct);
        return Back(FlashNotice, $"{name} deleted: it answers its default again.");
    }

    private RedirectResult Back(string kind, string message)
    {
        TempData[kind] = message;
        return Redirect("/admin/features");
    }
}
