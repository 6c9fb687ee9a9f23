using GitLabLite.Finders.Projects;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Caching;
using GitLabLite.Services.Features;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// The Go proxy's gate, in API.md's order: authentication, project access, then the go_proxy feature flag.
/// Anonymous callers of anything not public get 401 with a Basic challenge (so `go` retries with ~/.netrc),
/// invalid credentials 404, a token without api/read_api 403, a Guest of a private project 403, and a project
/// the caller cannot see 404 exactly as one that does not exist.
/// </summary>
public sealed class GoProxyAccess
{
    public const string FeatureName = "go_proxy";

    private readonly RequestAuthenticator _authenticator;
    private readonly ProjectFinder _projects;
    private readonly NamespaceRepository _namespaces;
    private readonly FeatureFlags _features;

    // A namespace's ancestry changes only when a group moves, which the change bus announces (namespace, route).
    private readonly BusCache<long, IReadOnlyList<long>> _ancestry;

    public GoProxyAccess(RequestAuthenticator authenticator, ProjectFinder projects, NamespaceRepository namespaces, FeatureFlags features, ChangeBus bus)
    {
        _authenticator = authenticator;
        _projects = projects;
        _namespaces = namespaces;
        _features = features;
        _ancestry = new(bus, ProjectFinder.MaxCachedAnswers);
        bus.Subscribe("namespace", _ => _ancestry.Clear());
        bus.Subscribe("route", _ => _ancestry.Clear());
    }

    public async Task<GoProxyAccessResult> AuthorizeAsync(HttpContext http, string projectId)
    {
        var auth = await _authenticator.AuthenticateAsync(http);
        if (auth.Status == AuthenticationStatus.Invalid) return GoProxyAccessResult.Deny(404, "not found: invalid credentials");
        if (auth.Token is { } token && !token.HasScope(TokenScopes.Api) && !token.HasScope(TokenScopes.ReadApi))
            return GoProxyAccessResult.Deny(403, "forbidden: the token needs the api or read_api scope");
        var permissions = await _projects.FindOrNullAsync(projectId, auth, http.RequestAborted);
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
        if (!_ancestry.TryGet(project.NamespaceId, out var ancestors))
        {
            var epoch = _ancestry.Epoch;
            ancestors = [.. await _namespaces.SelfAndAncestorIdsAsync(project.NamespaceId, ct)];
            _ancestry.Store(project.NamespaceId, ancestors, epoch);
        }
        return await _features.EnabledAsync(FeatureName, FeatureActor.For(project, ancestors), ct);
    }
}
