using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Params;
using GitLabLite.Presenters.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Personal access tokens: created by an admin for anyone or by a user for themselves (GitLab allows only k8s_proxy
/// there; GitLabLite any known scope), listed, shown and revoked by their owner or an admin.
/// </summary>
[Authenticate(RequireSignIn = true)]
public sealed class PersonalAccessTokensController(
    UsersFinder users,
    PersonalAccessTokensFinder finder,
    CreatePersonalAccessTokenService createToken,
    RevokePersonalAccessTokenService revokeToken,
    PersonalAccessTokenPresenter presenter) : ApiController
{
    [HttpPost("users/{userId:long}/personal_access_tokens")]
    [Authenticate(RequireAdmin = true)]
    public async Task<IActionResult> CreateForUser(long userId, [FromParams] CreatePersonalAccessTokenParams p)
    {
        var user = await users.FindOrNullAsync(userId, Ct);
        return user is null ? NotFound404("User") : await CreateAsync(user, p);
    }

    [HttpPost("user/personal_access_tokens")]
    public Task<IActionResult> CreateForSelf([FromParams] CreatePersonalAccessTokenParams p) => CreateAsync(Caller.User!, p);

    [HttpGet("personal_access_tokens")]
    public async Task<IActionResult> Index([FromQuery(Name = "user_id")] string? userId, [FromQuery] Pagination pagination)
    {
        long? owner = null;
        if (!string.IsNullOrEmpty(userId))
        {
            if (!long.TryParse(userId, out var id)) return BadRequest400("user_id is invalid");
            owner = id;
        }
        var (tokens, total) = await finder.ListAsync(Caller.User!, owner, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, tokens.Select(presenter.Present));
    }

    /// <summary>A browser session has no token to show.</summary>
    [HttpGet("personal_access_tokens/self")]
    public IActionResult ShowSelf() => Caller.Token is { } token ? Ok(presenter.Present(token)) : NotFound404("");

    [HttpGet("personal_access_tokens/{id:long}")]
    public async Task<IActionResult> Show(long id) =>
        await finder.FindOrNullAsync(Caller.User!, id, Ct) is { } token ? Ok(presenter.Present(token)) : NotFound404("");

    [HttpDelete("personal_access_tokens/self")]
    public async Task<IActionResult> RevokeSelf() =>
        Caller.Token is { } token ? await RevokeAsync(Caller.User!, token.Id) : NotFound404("");

    [HttpDelete("personal_access_tokens/{id:long}")]
    public Task<IActionResult> Revoke(long id) => RevokeAsync(Caller.User!, id);

    private async Task<IActionResult> CreateAsync(User user, CreatePersonalAccessTokenParams input)
    {
        var result = await createToken.ExecuteAsync(user, input.Name!, input.Scopes!, input.ExpiresAt, Ct);
        return FromService(result, presenter.Created, successStatus: 201);
    }

    private async Task<IActionResult> RevokeAsync(User actor, long tokenId)
    {
        var result = await revokeToken.ExecuteAsync(actor, tokenId, Ct);
        return result.Success ? NoContent() : FromService(result, presenter.Present);
    }
}
