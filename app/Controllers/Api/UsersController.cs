using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Params;
using GitLabLite.Presenters.Users;
using GitLabLite.Services;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// GET /user, GET /users, GET /users/:id, POST /users, and the admin's block, unblock, deactivate, activate and DELETE.
/// Reads also accept read_user tokens, as GitLab.
/// </summary>
[Authenticate(RequireSignIn = true, ReadScopes = new[] { TokenScopes.ReadUser })]
public sealed class UsersController(UsersFinder finder, CreateUserService createUser, UserPresenter presenter) : ApiController
{
    [HttpGet("user")]
    public IActionResult Current() => Ok(presenter.Details(Caller.User!));

    [HttpGet("users")]
    public async Task<IActionResult> Index([FromQuery] string? username, [FromQuery] Pagination pagination)
    {
        var filter = string.IsNullOrEmpty(username) ? null : username;
        var (users, total) = await finder.ListAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        // Admins get GitLab's UserWithAdmin view (email, is_admin); everyone else the basic one.
        return Paginated(pagination, total, users.Select(u => Caller.IsAdmin ? presenter.Details(u) : (object)presenter.Basic(u)));
    }

    [HttpGet("users/{id:long}")]
    public async Task<IActionResult> Show(long id)
    {
        var user = await finder.FindOrNullAsync(id, Ct);
        if (user is null) return NotFound404("User");
        return Ok(Caller.IsAdmin || user.Id == Caller.User!.Id ? presenter.Details(user) : presenter.Profile(user));
    }

    [HttpPost("users")]
    [Authenticate(RequireAdmin = true)]
    public async Task<IActionResult> Create([FromParams] CreateUserParams input)
    {
        var result = await createUser.ExecuteAsync(input.Username!, input.Email!, input.Name!, input.Password!, input.Admin ?? false, Ct);
        return FromService(result, presenter.Details, successStatus: 201);
    }

    [HttpPost("users/{id:long}/block")]
    [Authenticate(RequireAdmin = true)]
    public Task<IActionResult> Block(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, user => states.BlockAsync(Caller.User!, user, Ct));

    [HttpPost("users/{id:long}/unblock")]
    [Authenticate(RequireAdmin = true)]
    public Task<IActionResult> Unblock(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, user => states.UnblockAsync(user, Ct));

    [HttpPost("users/{id:long}/deactivate")]
    [Authenticate(RequireAdmin = true)]
    public Task<IActionResult> Deactivate(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, user => states.DeactivateAsync(user, Ct));

    [HttpPost("users/{id:long}/activate")]
    [Authenticate(RequireAdmin = true)]
    public Task<IActionResult> Activate(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, user => states.ActivateAsync(user, Ct));

    /// <summary>204 once the user and everything of theirs is gone (GitLab answers 204 and deletes in the background).</summary>
    [HttpDelete("users/{id:long}")]
    [Authenticate(RequireAdmin = true)]
    public async Task<IActionResult> Destroy(long id, [FromParams] DeleteUserParams input, [FromServices] DestroyUserService destroy)
    {
        var user = await finder.FindOrNullAsync(id, Ct);
        if (user is null) return NotFound404("User");
        var result = await destroy.ExecuteAsync(user, input.HardDelete, Ct);
        return result.Success ? NoContent() : FromService(result, _ => new { });
    }

    /// <summary>GitLab answers these with 201 and a bare JSON true, false or null (see <see cref="UserStateService"/>).</summary>
    private async Task<IActionResult> ChangeStateAsync(long id, Func<User, Task<ServiceResponse<bool?>>> change)
    {
        var user = await finder.FindOrNullAsync(id, Ct);
        if (user is null) return NotFound404("User");
        var result = await change(user);
        if (!result.Success) return FromService(result, _ => new { });
        var body = result.Payload switch { true => "true", false => "false", null => "null" };
        return new ContentResult { StatusCode = StatusCodes.Status201Created, Content = body, ContentType = GitLabJsonOutputFormatter.ContentType };
    }
}
