using FluentValidation;
using GitLabLite.Params;
using GitLabLite.Finders.Projects;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Web;
using GitLabLite.Finders.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// Settings › Repository › Deploy tokens of a project (/&lt;full_path&gt;/-/settings/repository) or group
/// (/groups/&lt;full_path&gt;/-/settings/repository): list, create (the value is shown in that one uncached response
/// only), revoke. Maintainers and Owners only; to anyone else who may see the project it is forbidden, to the rest
/// it does not exist. The same service and validator as the REST API.
/// </summary>
public sealed class DeployTokensController(
    ProjectFinder projects, GroupFinder groups, DeployTokensFinder tokens, CreateDeployTokenService create, RevokeDeployTokenService revoke,
    IValidator<CreateDeployTokenParams> validator, InstanceSettings settings) : WebController
{
    private const int MaxListed = 100;
    private const string Settings = "/-/settings/repository";
    private const string Tokens = "/-/deploy_tokens";

    [HttpGet("{**path:regex(/-/settings/repository$)}")]
    public async Task<IActionResult> Show(string path) =>
        await OwnerAsync(path[..^Settings.Length]) is { } owner ? await RenderAsync(owner, null, [], null) : await RefusalAsync(path[..^Settings.Length]);

    [HttpPost("{**path:regex(/-/deploy_tokens$)}")]
    public async Task<IActionResult> Create(
        string path, [FromForm] string? name, [FromForm] string? username, [FromForm] string[]? scopes, [FromForm(Name = "expires_at")] string? expiresAt)
    {
        if (await OwnerAsync(path[..^Tokens.Length]) is not { } owner) return await RefusalAsync(path[..^Tokens.Length]);
        DateTime? expiry = null;
        if (!string.IsNullOrWhiteSpace(expiresAt))
        {
            if (!DateOnly.TryParseExact(expiresAt, "yyyy-MM-dd", out var date))
                return await RenderAsync(owner, null, ["Expiration date is not a date (YYYY-MM-DD)."], StatusCodes.Status422UnprocessableEntity);
            expiry = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        var input = new CreateDeployTokenParams
        {
            Name = name?.Trim(), Username = string.IsNullOrWhiteSpace(username) ? null : username.Trim(), Scopes = scopes ?? [], ExpiresAt = expiry,
        };
        var validation = await validator.ValidateAsync(input, Ct);
        if (!validation.IsValid) return await RenderAsync(owner, null, ErrorMessages(validation), StatusCodes.Status422UnprocessableEntity);
        var created = await create.ExecuteAsync(owner.Key, input.Name!, input.Username, input.Scopes!, input.ExpiresAt, CurrentUser!, Ct);
        // The plain value exists only in this response: never in TempData, a redirect, or any cache.
        Response.Headers.CacheControl = "no-store";
        return await RenderAsync(owner, created, [], null);
    }

    [HttpPost("{**path:regex(/-/deploy_tokens/\\d+/revoke$)}")]
    public async Task<IActionResult> Revoke(string path)
    {
        var at = path.LastIndexOf(Tokens + "/", StringComparison.Ordinal);
        if (await OwnerAsync(path[..at]) is not { } owner) return await RefusalAsync(path[..at]);
        if (!long.TryParse(path[(at + Tokens.Length + 1)..^"/revoke".Length], out var id)
            || await revoke.RevokeAsync(owner.Key, id, Ct) is not { } token)
            return NotFoundPage();
        TempData[FlashNotice] = $"Revoked deploy token {token.Name}!";
        return Redirect(owner.BasePath + Settings);
    }

    private sealed record Owner(DeployTokenOwner Key, string Name, string BasePath, bool CanManage);

    /// <summary>The page's project or group if the user may manage its deploy tokens (Maintainer+ or admin).</summary>
    private async Task<Owner?> OwnerAsync(string path) => await FindAsync(path) is { CanManage: true } owner ? owner : null;

    /// <summary>Why <see cref="OwnerAsync"/> found nothing: sign in first, forbidden to those who see the owner, else not found.</summary>
    private async Task<IActionResult> RefusalAsync(string path)
    {
        if (CurrentUser is null) return RedirectToSignIn();
        return await FindAsync(path) is null ? NotFoundPage() : ForbiddenPage();
    }

    private async Task<Owner?> FindAsync(string path)
    {
        if (CurrentUser is null) return null;
        if (path.StartsWith("groups/", StringComparison.Ordinal))
            return await groups.FindOrNullAsync(path["groups/".Length..], Auth, Ct) is { CanRead: true } group
                ? new Owner(DeployTokenOwner.Group(group.Group.Id), group.Group.FullPath, $"/groups/{group.Group.FullPath}", group.CanAdmin)
                : null;
        // Numeric paths would be read as project ids by the finder; pages address projects by path only.
        return path.Contains('/') && await projects.FindOrNullAsync(path, Auth, Ct) is { CanRead: true } project
            ? new Owner(DeployTokenOwner.Project(project.Project.Id), project.Project.NameWithNamespace, $"/{project.Project.FullPath}", project.CanAdmin)
            : null;
    }

    private async Task<IActionResult> RenderAsync(Owner owner, CreatedDeployToken? created, IReadOnlyList<string> errors, int? status)
    {
        var (list, _) = await tokens.ListAsync(owner.Key, false, 0, MaxListed, Ct);
        if (status is { } s) Response.StatusCode = s;
        ViewData["Title"] = $"Deploy tokens · {owner.Name}";
        return View("~/Views/DeployTokens/Show.cshtml",
            new DeployTokensPage(owner.Name, owner.BasePath, settings.Host, list, created, errors, DateTime.UtcNow));
    }
}
