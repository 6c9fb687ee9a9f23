using GitLabLite.Controllers.Api.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>GET /user, GET /users, GET /users/:id, POST /users. Reads also accept read_user tokens, as GitLab.</summary>
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
}
