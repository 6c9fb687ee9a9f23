using System.Globalization;
using FluentValidation;
using GitLabLite.Finders.Users;
using GitLabLite.Params;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// User settings › Access tokens: create (the value is shown in that one response and never again, and the response
/// is not cached), list the user's tokens, revoke one. The same services and validator as the REST API.
/// </summary>
[Route("-/user_settings/personal_access_tokens")]
public sealed class PersonalAccessTokensController(
    PersonalAccessTokensFinder finder,
    CreatePersonalAccessTokenService createToken,
    RevokePersonalAccessTokenService revokeToken,
    IValidator<CreatePersonalAccessTokenParams> validator) : WebController
{
    private const int MaxListed = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index() => CurrentUser is null ? RedirectToSignIn() : await RenderAsync(null, [], null);

    [HttpPost("")]
    public async Task<IActionResult> Create(
        [FromForm] string? name, [FromForm] string[]? scopes, [FromForm(Name = "expires_at")] string? expiresAt)
    {
        if (CurrentUser is null) return RedirectToSignIn();
        DateOnly? expiry = null;
        if (!string.IsNullOrWhiteSpace(expiresAt))
        {
            if (!DateOnly.TryParseExact(expiresAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return await RenderAsync(null, ["Expiration date is not a date (YYYY-MM-DD)."], StatusCodes.Status422UnprocessableEntity);
            expiry = parsed;
        }
        var input = new CreatePersonalAccessTokenParams { Name = name?.Trim(), Scopes = scopes ?? [], ExpiresAt = expiry };
        var validation = await validator.ValidateAsync(input, Ct);
        if (!validation.IsValid)
            return await RenderAsync(null, ErrorMessages(validation), StatusCodes.Status422UnprocessableEntity);
        var created = await createToken.ExecuteAsync(CurrentUser, input.Name!, input.Scopes!, input.ExpiresAt, Ct);
        // The plain value exists only in this response: never in TempData, a redirect, or any cache.
        Response.Headers.CacheControl = "no-store";
        return await RenderAsync(created.Payload, [], null);
    }

    [HttpPost("{id:long}/revoke")]
    public async Task<IActionResult> Revoke(long id)
    {
        if (CurrentUser is null) return RedirectToSignIn();
        var result = await revokeToken.ExecuteAsync(CurrentUser, id, Ct);
        if (!result.Success) return NotFoundPage();
        TempData[FlashNotice] = $"Revoked personal access token {result.Payload!.Name}!";
        return Redirect("/-/user_settings/personal_access_tokens");
    }

    private async Task<IActionResult> RenderAsync(CreatedPersonalAccessToken? created, IReadOnlyList<string> errors, int? status)
    {
        // The list is always the user's own, admins included: other users' tokens belong to the admin area.
        var (tokens, _) = await finder.ListAsync(CurrentUser! with { Admin = false }, null, 0, MaxListed, Ct);
        if (status is { } s) Response.StatusCode = s;
        ViewData["Title"] = "Personal access tokens";
        return View("~/Views/PersonalAccessTokens/Index.cshtml", new TokensPage(tokens, created, errors, DateTime.UtcNow));
    }
}
