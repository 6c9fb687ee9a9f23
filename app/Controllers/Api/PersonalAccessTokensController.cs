using GitLabLite.Controllers.Api.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Personal access tokens: created by an admin for anyone or by a user for themselves (GitLab allows only k8s_proxy
/// there; GitLabLite any known scope), listed, shown and revoked by their owner or an admin.
/// </summary>
public sealed class PersonalAccessTokensController(
    UsersFinder users,
    PersonalAccessTokensFinder finder,
    CreatePersonalAccessTokenService createToken,
    RevokePersonalAccessTokenService revokeToken,
    PersonalAccessTokenPresenter presenter) : ApiController
{
    [HttpPost("users/{userId:long}/personal_access_tokens")]
    public async Task<IActionResult> CreateForUser(long userId)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        if (!auth.IsAdmin) return Forbidden403();
        var user = await users.FindOrNullAsync(userId, HttpContext.RequestAborted);
        return user is null ? NotFound404("User") : await CreateAsync(user);
    }

    [HttpPost("user/personal_access_tokens")]
    public async Task<IActionResult> CreateForSelf()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        return denied ?? await CreateAsync(auth.User!);
    }

    [HttpGet("personal_access_tokens")]
    public async Task<IActionResult> Index([FromQuery(Name = "user_id")] string? userId, [FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        long? owner = null;
        if (!string.IsNullOrEmpty(userId))
        {
            if (!long.TryParse(userId, out var id)) return BadRequest400("user_id is invalid");
            owner = id;
        }
        var (tokens, total) = await finder.ListAsync(auth.User!, owner, pagination.Offset, pagination.PerPage, HttpContext.RequestAborted);
        return Paginated(pagination, total, tokens.Select(presenter.Present));
    }

    [HttpGet("personal_access_tokens/self")]
    public async Task<IActionResult> ShowSelf()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        // A browser session has no token to show.
        return auth.Token is null ? Message(404, "404 Not Found") : Ok(presenter.Present(auth.Token));
    }

    [HttpGet("personal_access_tokens/{id:long}")]
    public async Task<IActionResult> Show(long id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var token = await finder.FindOrNullAsync(auth.User!, id, HttpContext.RequestAborted);
        return token is null ? Message(404, "404 Not Found") : Ok(presenter.Present(token));
    }

    [HttpDelete("personal_access_tokens/self")]
    public async Task<IActionResult> RevokeSelf()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        return auth.Token is null ? Message(404, "404 Not Found") : await RevokeAsync(auth.User!, auth.Token.Id);
    }

    [HttpDelete("personal_access_tokens/{id:long}")]
    public async Task<IActionResult> Revoke(long id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        return denied ?? await RevokeAsync(auth.User!, id);
    }

    private async Task<IActionResult> CreateAsync(User user)
    {
        var (input, error) = await GitLabParams.ReadAsync<CreatePersonalAccessTokenParams>(Request);
        if (input is null) return BadRequest400(error!);
        if (await ValidateAsync(input) is { } invalid) return invalid;
        var result = await createToken.ExecuteAsync(user, input.Name!, input.Scopes!, input.ExpiresAt, HttpContext.RequestAborted);
        return FromService(result, presenter.Created, successStatus: 201);
    }

    private async Task<IActionResult> RevokeAsync(User actor, long tokenId)
    {
        var result = await revokeToken.ExecuteAsync(actor, tokenId, HttpContext.RequestAborted);
        return result.Success ? NoContent() : FromService(result, presenter.Present);
    }
}
