using System.Text.Encodings.Web;
using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Features;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// `?go-get=1` on a project path or any path below it answers the go-import meta tags the go command needs for
/// GOPROXY=direct (lib/gitlab/middleware/go.rb). With go_proxy on, a second `mod` entry points at the project's
/// GOPROXY URL, which `go` prefers in module mode: zero-configuration proxy use. Unlike GitLab, the import root is
/// the module prefix (host without port), so that it is a prefix of the import path `go` asked about.
/// </summary>
public sealed class GoGetMiddleware(
    RequestDelegate next, RequestAuthenticator authenticator, ProjectFinder finder, ProjectFeatureGate features,
    RepositoryStorage storage, ProjectUrls urls, InstanceSettings settings)
{
    private const int MaxSegments = 22;

    public const string NotFound = "Go package not found or access denied. If you are trying to access a private project, "
        + "ensure your ~/.netrc file has credentials so the go toolchain can authenticate: a personal access token with read_api "
        + "for the project's Go proxy, plus read_repository when go fetches with git (GOPROXY=direct).";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Query["go-get"] != "1" || http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/-"))
        {
            await next(http);
            return;
        }
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments.Any(s => s is "." or ".." || s.Any(char.IsControl)))
        {
            await WriteAsync(http, 404, NotFound, "text/plain; charset=utf-8");
            return;
        }
        var auth = await authenticator.AuthenticateAsync(http);
        var project = await FindReadableAsync(segments, auth, http.RequestAborted);
        if (project is not null)
        {
            if (!storage.Exists(project.FullPath))
            {
                await WriteAsync(http, 404, NotFound, "text/plain; charset=utf-8");
                return;
            }
            var proxy = await features.EnabledAsync(FeatureNames.GoProxy, project, http.RequestAborted) ? urls.GoProxyUrl(project) : null;
            await WriteAsync(http, 200, Html(project.FullPath, proxy), "text/html; charset=utf-8");
            return;
        }
        if (http.Request.Headers.Authorization.Count > 0 || auth.Status != AuthenticationStatus.Anonymous)
        {
            await WriteAsync(http, 404, NotFound, "text/plain; charset=utf-8");
            return;
        }
        // Anonymous and not public: answer from the first two segments whether or not such a project exists,
        // which reveals nothing; `go` then asks git, which challenges for credentials.
        await WriteAsync(http, 200, Html($"{segments[0]}/{segments[1]}", null), "text/html; charset=utf-8");
    }

    /// <summary>The longest path prefix (at least two segments) that is a project the caller may read.</summary>
    private async Task<Project?> FindReadableAsync(string[] segments, AuthenticationResult auth, CancellationToken ct)
    {
        // read_repository-only tokens do not count: go-get needs read_project, which api/read_api carry. Such a caller
        // is nobody (go.rb's current_user is nil): public projects still answer, as for anyone.
        if (auth.Token is { } token && !token.HasScope(TokenScopes.Api) && !token.HasScope(TokenScopes.ReadApi))
            auth = AuthenticationResult.Anonymous;
        for (var n = Math.Min(segments.Length, MaxSegments); n >= 2; n--)
        {
            // Two segments or more always hold a slash, so the finder reads the prefix as a full path, never as an id.
            var permissions = await finder.FindOrNullAsync(string.Join('/', segments[..n]), auth, ct);
            if (permissions is null) continue;
            return permissions.CanRead ? permissions.Project : null;
        }
        return null;
    }

    private string Html(string fullPath, string? proxyUrl)
    {
        var root = HtmlEncoder.Default.Encode($"{settings.ModulePrefix}/{fullPath}");
        var repo = HtmlEncoder.Default.Encode($"{settings.BaseUrl}/{fullPath}.git");
        var mod = proxyUrl is null ? "" : $"<meta name=\"go-import\" content=\"{root} mod {HtmlEncoder.Default.Encode(proxyUrl)}\">";
        return $"<html><head><meta name=\"go-import\" content=\"{root} git {repo}\">{mod}</head><body>go get {root}</body></html>";
    }

    private static async Task WriteAsync(HttpContext http, int status, string body, string contentType)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body + (contentType.StartsWith("text/plain") ? "\n" : ""));
    }
}
