using GitLabLite.Controllers.Api.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
using GitLabLite.Services;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// GET /user, GET /users, GET /users/:id, POST /users, and the admin's block, unblock, deactivate, activate and DELETE.
/// Reads also accept read_user tokens, as GitLab.
/// </summary>
public sealed class UsersController(UsersFinder finder, CreateUserService createUser, UserPresenter presenter) : ApiController
{
    [HttpGet("user")]
    public async Task<IActionResult> Current()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true, TokenScopes.ReadUser);
        return denied ?? Ok(presenter.Details(auth.User!));
    }

    [HttpGet("users")]
    public async Task<IActionResult> Index([FromQuery] string? username, [FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true, TokenScopes.ReadUser);
        if (denied is not null) return denied;
        var filter = string.IsNullOrEmpty(username) ? null : username;
        var (users, total) = await finder.ListAsync(filter, pagination.Offset, pagination.PerPage, HttpContext.RequestAborted);
        // Admins get GitLab's UserWithAdmin view (email, is_admin); everyone else the basic one.
        return Paginated(pagination, total, users.Select(u => auth.IsAdmin ? presenter.Details(u) : (object)presenter.Basic(u)));
    }

    [HttpGet("users/{id:long}")]
    public async Task<IActionResult> Show(long id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true, TokenScopes.ReadUser);
        if (denied is not null) return denied;
        var user = await finder.FindOrNullAsync(id, HttpContext.RequestAborted);
        if (user is null) return NotFound404("User");
        return Ok(auth.IsAdmin || user.Id == auth.User!.Id ? presenter.Details(user) : presenter.Profile(user));
    }

    [HttpPost("users")]
    public async Task<IActionResult> Create()
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        if (!auth.IsAdmin) return Forbidden403();
        var (input, error) = await GitLabParams.ReadAsync<CreateUserParams>(Request);
        if (input is null) return BadRequest400(error!);
        if (await ValidateAsync(input) is { } invalid) return invalid;
        var result = await createUser.ExecuteAsync(input.Username!, input.Email!, input.Name!, input.Password!, input.Admin ?? false,
            HttpContext.RequestAborted);
        return FromService(result, presenter.Details, successStatus: 201);
    }

    [HttpPost("users/{id:long}/block")]
    public Task<IActionResult> Block(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, (admin, user) => states.BlockAsync(admin, user, HttpContext.RequestAborted));

    [HttpPost("users/{id:long}/unblock")]
    public Task<IActionResult> Unblock(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, (_, user) => states.UnblockAsync(user, HttpContext.RequestAborted));

    [HttpPost("users/{id:long}/deactivate")]
    public Task<IActionResult> Deactivate(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, (_, user) => states.DeactivateAsync(user, HttpContext.RequestAborted));

    [HttpPost("users/{id:long}/activate")]
    public Task<IActionResult> Activate(long id, [FromServices] UserStateService states) =>
        ChangeStateAsync(id, (_, user) => states.ActivateAsync(user, HttpContext.RequestAborted));

    /// <summary>204 once the user and everything of theirs is gone (GitLab answers 204 and deletes in the background).</summary>
    [HttpDelete("users/{id:long}")]
    public async Task<IActionResult> Destroy(long id, [FromServices] DestroyUserService destroy)
    {
        var (_, user, denied) = await FindAsAdminAsync(id);
        if (denied is not null) return denied;
        var (input, error) = await GitLabParams.ReadAsync<DeleteUserParams>(Request);
        if (input is null) return BadRequest400(error!);
        var result = await destroy.ExecuteAsync(user!, input.HardDelete, HttpContext.RequestAborted);
        return result.Success ? NoContent() : FromService(result, _ => new { });
    }

    /// <summary>GitLab answers these with 201 and a bare JSON true, false or null (see <see cref="UserStateService"/>).</summary>
    private async Task<IActionResult> ChangeStateAsync(long id, Func<User, User, Task<ServiceResponse<bool?>>> change)
    {
        var (admin, user, denied) = await FindAsAdminAsync(id);
        if (denied is not null) return denied;
        var result = await change(admin!, user!);
        if (!result.Success) return FromService(result, _ => new { });
        var body = result.Payload switch { true => "true", false => "false", null => "null" };
        return new ContentResult { StatusCode = StatusCodes.Status201Created, Content = body, ContentType = GitLabJsonOutputFormatter.ContentType };
    }

    private async Task<(User? Admin, User? User, IActionResult? Denied)> FindAsAdminAsync(long id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return (null, null, denied);
        if (!auth.IsAdmin) return (null, null, Forbidden403());
        var user = await finder.FindOrNullAsync(id, HttpContext.RequestAborted);
        return user is null ? (null, null, NotFound404("User")) : (auth.User, user, null);
    }
}
