namespace GitLabLite.Controllers.Concerns;

/// <summary>Browser hardening on every response, pages and API alike (HSTS when served over HTTPS); a page that needs its own policy sets it first.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Inline styles only: the pages are server-rendered with no scripts from elsewhere and no framing.
    public const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        // OnStarting: the exception handler clears headers set earlier, and these must survive it.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
            // Only over HTTPS (RFC 6797 8.1: browsers ignore it over http); a year, as GitLab's Omnibus nginx sends.
            if (http.Request.IsHttps) headers.TryAdd("Strict-Transport-Security", "max-age=31536000");
            return Task.CompletedTask;
        });
        return next(http);
    }
}
