using FluentValidation;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Users;
using GitLabLite.Services;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>Shared plumbing for /api/v4 controllers: GitLab's error bodies, auth checks and pagination headers.</summary>
[ApiController]
[Route("api/v4")]
[Produces("application/json")]
public abstract class ApiController : ControllerBase
{
    protected Task<AuthenticationResult> AuthenticateAsync() =>
        HttpContext.RequestServices.GetRequiredService<RequestAuthenticator>().AuthenticateAsync(HttpContext);

    /// <summary>
    /// The REST API's authentication gate: invalid credentials are 401, and a token needs api, or read_api for
    /// reads (plus any extra scope the endpoint accepts, such as read_user). Returns null when the request may go on.
    /// </summary>
    protected async Task<(AuthenticationResult Auth, IActionResult? Denied)> AuthorizeApiAsync(bool requireSignIn, params string[] extraScopes)
    {
        var auth = await AuthenticateAsync();
        if (auth.Status == AuthenticationStatus.Invalid || (requireSignIn && !auth.SignedIn))
            return (auth, Unauthorized401());
        if (auth.SignedIn && !HasApiScope(auth, extraScopes))
            return (auth, InsufficientScope());
        return (auth, null);
    }

    private bool HasApiScope(AuthenticationResult auth, string[] extraScopes)
    {
        if (auth.HasScope(TokenScopes.Api)) return true;
        var read = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        return read && (auth.HasScope(TokenScopes.ReadApi) || extraScopes.Any(auth.HasScope));
    }

    protected ObjectResult Message(int status, object message) => StatusCode(status, new { message });

    protected ObjectResult Unauthorized401() => Message(401, "401 Unauthorized");

    protected ObjectResult Forbidden403() => Message(403, "403 Forbidden");

    protected ObjectResult NotFound404(string what) => Message(404, $"404 {what} Not Found");

    protected ObjectResult BadRequest400(string message) => Message(400, message);

    protected ObjectResult InsufficientScope() => StatusCode(403, new
    {
        error = "insufficient_scope",
        error_description = "The request requires higher privileges than provided by the access token.",
        scope = "api read_api",
    });

    /// <summary>GitLab's validation error shape: {"message": {"field": ["reason", ...]}}.</summary>
    protected ObjectResult Invalid(FluentValidation.Results.ValidationResult result) =>
        Message(400, result.Errors
            .GroupBy(e => ToSnakeCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    protected async Task<IActionResult?> ValidateAsync<T>(T model)
    {
        var validator = HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(model, HttpContext.RequestAborted);
        return result.IsValid ? null : Invalid(result);
    }

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
        page.WriteHeaders(Request, Response, total);
        return Ok(items);
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
