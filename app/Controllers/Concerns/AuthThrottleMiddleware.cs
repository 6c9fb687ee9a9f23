using System.Globalization;
using System.Text.Json;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>Answers 429 + Retry-After to credentials from an address that presented too many invalid ones lately.</summary>
public sealed class AuthThrottleMiddleware(RequestDelegate next, AuthFailureLimiter limiter, AuthMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (RequestCredentials.Of(http).Presented && limiter.RetryAfter(http.Connection.RemoteIpAddress) is { } wait)
        {
            metrics.Throttled();
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = GitLabJsonOutputFormatter.ContentType;
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { message = "429 Too Many Requests: too many invalid credentials from this address" }));
            return;
        }
        await next(http);
    }
}
