using GitLabLite.Controllers.Concerns;
using GitLabLite.Services;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Shared plumbing for /api/v4 controllers: every action is authenticated (<see cref="AuthenticateAttribute"/>;
/// actions narrow it with their own), params are checked after access, and refusals and service errors get GitLab's
/// JSON bodies and pagination headers.
/// </summary>
[ApiController]
[Route("api/v4")]
[Produces("application/json")]
[Authenticate]
[ValidateParams]
public abstract class ApiController : ControllerBase, IAccessDeniedResponder
{
    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>Who is calling (<see cref="AuthenticateAttribute"/>).</summary>
    protected AuthenticationResult Caller => HttpContext.Caller();

    IActionResult IAccessDeniedResponder.Deny(AccessDenial denial) => denial.Kind switch
    {
        AccessDenialKind.Unauthorized or AccessDenialKind.InvalidCredentials => Unauthorized401(),
        AccessDenialKind.InsufficientScope => StatusCode(403, new
        {
            error = "insufficient_scope",
            error_description = "The request requires higher privileges than provided by the access token.",
            scope = "api read_api",
        }),
        AccessDenialKind.NotFound => NotFound404(denial.Subject),
        // GitLab's forbidden!(reason) for a blocked or deactivated user's token.
        AccessDenialKind.AccountDenied => Message(403, $"403 Forbidden - {denial.Reason}"),
        _ => Forbidden403(),
    };

    protected ObjectResult Message(int status, object message) => StatusCode(status, new { message });

    protected ObjectResult Unauthorized401() => Message(401, "401 Unauthorized");

    protected ObjectResult Forbidden403() => Message(403, "403 Forbidden");

    protected ObjectResult NotFound404(string what) => Message(404, what.Length == 0 ? "404 Not Found" : $"404 {what} Not Found");

    protected ObjectResult BadRequest400(string message) => Message(400, message);

    protected IActionResult FromService<T>(ServiceResponse<T> response, Func<T, object> present, int successStatus = 200)
    {
        if (response.Success) return StatusCode(successStatus, present(response.Payload!));
        var message = response.Message ?? response.Reason.ToString();
        return response.Reason switch
        {
            ServiceErrorReason.BadRequest => Message(400, message),
            ServiceErrorReason.Unauthorized => Unauthorized401(),
            ServiceErrorReason.Forbidden => Message(403, message),
            ServiceErrorReason.NotFound => Message(404, message),
            ServiceErrorReason.Conflict => Message(409, message),
            ServiceErrorReason.Unavailable => Message(503, message),
            _ => Message(422, message),
        };
    }

    protected IActionResult Paginated<T>(Pagination page, long total, IEnumerable<T> items)
    {
        // Every paginated action needs the external URL for its Link header; the base class has no constructor to take it in.
        page.WriteHeaders(Request, Response, total, HttpContext.RequestServices.GetRequiredService<Initializers.InstanceSettings>().BaseUrl);
        return Ok(items);
    }
}
