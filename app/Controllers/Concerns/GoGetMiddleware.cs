using System.Text.Encodings.Web;
using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Features;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// `?go-get=1` on a project path or any path below it answers the go-import meta tags the go command needs
/// (lib/gitlab/middleware/go.rb). A caller whose credential can read the project's code (api, read_api,
/// read_repository, write_repository, a deploy token of the project, or none for a public project) gets the true
/// root at any subgroup depth, with its `git` entry and, when the caller may use the Go proxy and its gate is open, a
/// `mod` entry for the instance endpoint: `go` prefers it in module mode, and the one URL serves every module of the
/// instance, including those a module imports. Unlike GitLab, the root is the module prefix (host without port), so
/// that it is a prefix of the import path `go` asked about. Anonymous callers of anything else get the requested path
/// echoed as the root (GitLab merge request 134903): it reveals nothing, and `go` tries each prefix with git, where the
/// user's own credentials decide.
/// </summary>
public sealed class GoGetMiddleware(
    RequestDelegate next, RequestAuthenticator authenticator, ProjectRepository projects,
    ProjectFeatureGate features, RepositoryStorage storage, InstanceSettings settings, ProjectUrls urls)
{
    private const int MaxSegments = 22;

    public const string NotFound = "Go package not found or access denied. If you are trying to access a private project, "
        + "ensure your ~/.netrc file has credentials so the go toolchain can authenticate: a personal access token with read_api "
        + "(or a deploy token with read_package_registry) for the Go proxy, or read_repository when go fetches with git (GOPROXY=direct).";

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
        // A token that can neither read code nor use the proxy (read_user) is nobody here, as go.rb's current_user is nil.
        if (auth.SignedIn && !CanReadCodeWith(auth) && !MayUseProxy(auth)) auth = AuthenticationResult.Anonymous;
        var project = await FindReadableAsync(segments, auth, http.RequestAborted);
        if (project is not null)
        {
            if (!storage.Exists(project.FullPath))
            {
                await WriteAsync(http, 404, NotFound, "text/plain; charset=utf-8");
                return;
            }
            var proxy = MayUseProxy(auth) && await features.EnabledAsync(FeatureNames.GoProxy, project, http.RequestAborted)
                ? urls.InstanceGoProxyUrl
                : null;
            await WriteAsync(http, 200, Html(project.FullPath, proxy), "text/html; charset=utf-8");
            return;
        }
        // Presented credentials that cannot read the project, invalid ones too: the same 404 whether or not it exists.
        if (http.Request.Headers.Authorization.Count > 0 || auth.Status != AuthenticationStatus.Anonymous)
        {
            await WriteAsync(http, 404, NotFound, "text/plain; charset=utf-8");
            return;
        }
        await WriteAsync(http, 200, Html(string.Join('/', segments), null), "text/html; charset=utf-8");
    }

    /// <summary>Credentials that read a project's code: git's (GitAccess), read_api (as in GitLab's go-get), a deploy token's read_repository.</summary>
    private static bool CanReadCodeWith(AuthenticationResult auth) =>
        auth.HasScope(TokenScopes.Api) || auth.HasScope(TokenScopes.ReadApi) || auth.HasScope(TokenScopes.ReadRepository)
        || auth.HasScope(TokenScopes.WriteRepository);

    /// <summary>The Go proxy's credentials (<see cref="Api.GoProxyController"/>): nobody for public projects, api, read_api, a deploy token's package registry scopes.</summary>
    private static bool MayUseProxy(AuthenticationResult auth) =>
        !auth.SignedIn || auth.HasScope(TokenScopes.Api) || auth.HasScope(TokenScopes.ReadApi)
        || auth.HasScope(DeployTokenScopes.ReadPackageRegistry) || auth.HasScope(DeployTokenScopes.WritePackageRegistry);

    /// <summary>The longest path prefix (at least two segments) that is a project, if the caller may read its code: one indexed query.</summary>
    private async Task<Project?> FindReadableAsync(string[] segments, AuthenticationResult auth, CancellationToken ct)
    {
        var prefixes = Enumerable.Range(2, Math.Min(segments.Length, MaxSegments) - 1)
            .Select(n => string.Join('/', segments[..n]).ToLowerInvariant()).ToArray();
        var found = await projects.ListByFullPathsWithAccessAsync(prefixes, auth.User?.Id, ct);
        if (found.Count == 0) return null;
        var (project, access) = found.MaxBy(f => f.Project.FullPath.Length);
        return auth.PermissionsOn(project, access.AccessLevel).CanReadCode ? project : null;
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
