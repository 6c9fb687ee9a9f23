using System.Collections.Concurrent;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Features;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// The Go proxy's gate, in API.md's order: authentication, project access, then the go_proxy feature flag.
/// Anonymous callers of anything not public get 401 with a Basic challenge (so `go` retries with ~/.netrc),
/// invalid credentials 404, a token without api/read_api 403, a Guest of a private project 403, and a project
/// the caller cannot see 404 exactly as one that does not exist.
/// </summary>
public sealed class GoProxyAccess(RequestAuthenticator authenticator, ProjectFinder projects, NamespaceRepository namespaces, FeatureFlags features, TimeProvider clock)
{
    public const string FeatureName = "go_proxy";

    /// <summary>
    /// How long a namespace's ancestry is trusted. It changes only when a group is transferred (which also changes
    /// the project's full path, part of the key); a query per proxy request is what this saves.
    /// </summary>
    public static readonly TimeSpan AncestryTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(long, string), (IReadOnlyList<long> Ids, DateTimeOffset Until)> _ancestry = new();

    public async Task<GoProxyAccessResult> AuthorizeAsync(HttpContext http, string projectId)
    {
        var auth = await authenticator.AuthenticateAsync(http);
        if (auth.DeniedReason is { } reason) return GoProxyAccessResult.Deny(403, $"forbidden: {reason}");
        if (auth.Status == AuthenticationStatus.Invalid) return GoProxyAccessResult.Deny(404, "not found: invalid credentials");
        if (auth.Token is { } token && !token.HasScope(TokenScopes.Api) && !token.HasScope(TokenScopes.ReadApi))
            return GoProxyAccessResult.Deny(403, "forbidden: the token needs the api or read_api scope");
        var permissions = await projects.FindOrNullAsync(projectId, auth, http.RequestAborted);
        if (permissions is not { CanRead: true })
            return auth.SignedIn ? GoProxyAccessResult.Deny(404, "not found: no such project") : GoProxyAccessResult.Challenge();
        if (!permissions.CanReadCode) return GoProxyAccessResult.Deny(403, "forbidden: reading this project's packages needs the Reporter role");
        if (!await EnabledAsync(permissions.Project, http.RequestAborted))
            return GoProxyAccessResult.Deny(404, "not found: the Go proxy is not enabled for this project");
        return GoProxyAccessResult.Allow(permissions.Project);
    }

    /// <summary>Whether go_proxy is on for the project, directly or through any group above it.</summary>
    public async Task<bool> EnabledAsync(Project project, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The full path is part of the key: a transfer changes it, so moved projects never use the old ancestry.
        var key = (project.NamespaceId, project.FullPath);
        if (!_ancestry.TryGetValue(key, out var known) || known.Until <= now)
            _ancestry[key] = known = ([.. await namespaces.SelfAndAncestorIdsAsync(project.NamespaceId, ct)], now + AncestryTtl);
        var ancestors = known.Ids;
        return await features.EnabledAsync(FeatureName, FeatureActor.For(project, ancestors), ct);
    }
}
