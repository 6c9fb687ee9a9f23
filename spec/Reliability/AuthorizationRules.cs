using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// The status each endpoint class must answer, written from docs/api.md (the contract: authentication table,
/// access levels Guest 10 .. Owner 50, visibility rules, scopes) and NOT from the code under test, so the matrix
/// spec checks the implementation against the contract. Where the implementation deliberately reads the contract
/// in a particular way, the rule says so and cites where that decision is documented.
/// </summary>
public static class AuthorizationRules
{
    public enum Endpoint
    {
        ShowProject,
        ListTags,
        UpdateProject,
        ListMembers,
        ProxyList,
        ProxyZip,
        InstanceProxyList,
        GroupProxyList,
        ListPackages,
        GoGet,
        GitInfoRefs,
        ListFeatures,
    }

    /// <summary>
    /// Who calls: whether credentials were presented at all, whether they are valid (an expired or revoked token is
    /// not: docs/api.md "Expired or revoked tokens count as invalid"), the token's scopes, and the user's role in the
    /// project (NoAccess for a non-member) and admin flag.
    /// </summary>
    public sealed record Caller(bool Presented, bool Valid, string[] Scopes, AccessLevel Role, bool Admin)
    {
        /// <summary>A deploy token (issue 13): no user, so the REST API refuses it as invalid credentials and internal
        /// projects are not visible to it; it reads (as a Reporter) the projects it belongs to, over git and Go only.</summary>
        public bool Deploy { get; init; }

        /// <summary>
        /// A genuine token of a blocked user (docs/api.md, Users: "A blocked or deactivated user's tokens get 403 with
        /// GitLab's reason on the API and the Go proxy, 401 on git"); not <see cref="Valid"/>, so no role counts.
        /// </summary>
        public bool Blocked { get; init; }

        public bool SignedIn => Presented && Valid;

        public bool HasAny(params string[] scopes) => Scopes.Intersect(scopes).Any();
    }

    public static int Expected(Endpoint endpoint, Caller caller, Visibility visibility, bool goProxyOn) => endpoint switch
    {
        Endpoint.ShowProject or Endpoint.ListMembers => Rest(caller, write: false) ?? Visible(caller, visibility) ?? 200,
        Endpoint.ListTags => Rest(caller, write: false) ?? Visible(caller, visibility) ?? Code(caller, visibility) ?? 200,
        // Changing a project is Maintainer+ (GitLab's admin_project); a visible project the caller may not change is 403.
        Endpoint.UpdateProject => Rest(caller, write: true) ?? Visible(caller, visibility)
            ?? (caller.Admin || caller.Role >= AccessLevel.Maintainer ? 200 : 403),
        // The packages API is REST (invalid credentials 401, JSON), then exactly the proxy's gate (docs/api.md: it lists
        // what the proxy serves, so it is behind the same access and flag checks).
        Endpoint.ListPackages => Rest(caller, write: false) ?? ProxyGate(caller, visibility, goProxyOn),
        Endpoint.ProxyList or Endpoint.ProxyZip => Proxy(caller, visibility, goProxyOn),
        Endpoint.InstanceProxyList or Endpoint.GroupProxyList => ResolvedProxy(caller, visibility, goProxyOn),
        Endpoint.GoGet => GoGet(caller, visibility),
        Endpoint.GitInfoRefs => GitFetch(caller, visibility),
        // docs/api.md Features: "admin only; anonymous 401, others 403".
        Endpoint.ListFeatures => Rest(caller, write: false, requireSignIn: true) ?? (caller.Admin ? 200 : 403),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    /// <summary>REST credential checks: invalid 401; api for everything, read_api for GET/HEAD only, else 403.</summary>
    private static int? Rest(Caller caller, bool write, bool requireSignIn = false)
    {
        if (caller.Blocked) return 403;
        if ((caller.Presented && !caller.Valid) || caller.Deploy) return 401;
        if (!caller.SignedIn) return requireSignIn || write ? 401 : null;
        var allowed = caller.HasAny(TokenScopes.Api) || (!write && caller.HasAny(TokenScopes.ReadApi));
        return allowed ? null : 403;
    }

    /// <summary>
    /// Visibility: private for members, internal for anyone signed in, public for anyone; admins see all. A project
    /// the caller cannot see answers as an unknown one: 401 anonymous, 404 signed in.
    /// </summary>
    private static int? Visible(Caller caller, Visibility visibility) =>
        CanRead(caller, visibility) ? null : caller.SignedIn ? 404 : 401;

    private static bool CanRead(Caller caller, Visibility visibility) =>
        (caller.SignedIn && caller.Admin) || visibility == Visibility.Public
        || (caller.SignedIn && ((visibility == Visibility.Internal && !caller.Deploy) || caller.Role >= AccessLevel.Guest));

    /// <summary>Code (tags, packages, git): public/internal follow visibility; private needs Reporter ("Guest on a private project 403").</summary>
    private static int? Code(Caller caller, Visibility visibility) =>
        visibility != Visibility.Private || caller.Admin || caller.Role >= AccessLevel.Reporter ? null : 403;

    /// <summary>
    /// The Go proxy column of docs/api.md's table, in its order "authentication, project access, feature flag": invalid
    /// credentials 404, a token without api/read_api (a deploy token without a package registry scope) 403, then
    /// access, then flag off 404.
    /// </summary>
    private static int Proxy(Caller caller, Visibility visibility, bool goProxyOn)
    {
        if (caller.Blocked) return 403;
        if (caller.Presented && !caller.Valid) return 404;
        if (caller.SignedIn && !caller.HasAny(ProxyScopes)) return 403;
        return ProxyGate(caller, visibility, goProxyOn);
    }

    /// <summary>
    /// The instance and group endpoints (issue 13): the module path is served only by a project whose code the caller
    /// may read with the gate open. Every other path of the instance answers the same whether or not a project has it,
    /// and never 404, which would send go on to the next GOPROXY entry with the private path: invalid credentials and
    /// anonymous callers 401 with the challenge, a blocked user's token, a token without a proxy scope and anyone else 403.
    /// </summary>
    private static int ResolvedProxy(Caller caller, Visibility visibility, bool goProxyOn)
    {
        if (caller.Blocked) return 403;
        if (!caller.SignedIn) return caller.Presented || !(visibility == Visibility.Public && goProxyOn) ? 401 : 200;
        if (!caller.HasAny(ProxyScopes)) return 403;
        return CanRead(caller, visibility) && Code(caller, visibility) is null && goProxyOn ? 200 : 403;
    }

    private static readonly string[] ProxyScopes =
        [TokenScopes.Api, TokenScopes.ReadApi, DeployTokenScopes.ReadPackageRegistry, DeployTokenScopes.WritePackageRegistry];

    private static int ProxyGate(Caller caller, Visibility visibility, bool goProxyOn) =>
        Visible(caller, visibility) ?? Code(caller, visibility) ?? (goProxyOn ? 200 : 404);

    /// <summary>
    /// `?go-get=1` (docs/api.md "Git over HTTP and ?go-get=1", docs/gitlab-go-proxy.md §6, issue 13 point 3): a public
    /// project answers 200 to anyone; otherwise a caller whose credential can read the project's code (api, read_api,
    /// read_repository, write_repository, a deploy token of the project) gets its root. Not readable: any credentials
    /// presented → 404 ("invalid credentials → 404"; a read_user-only token → 404); anonymous → 200 with the requested
    /// path echoed as the root, which reveals nothing (GitLab MR 134903). A Guest of a private project cannot read its
    /// code: 404. Not behind the flag.
    /// </summary>
    private static int GoGet(Caller caller, Visibility visibility)
    {
        if (visibility == Visibility.Public) return 200;
        var identified = caller.SignedIn && (caller.Deploy || caller.HasAny(TokenScopes.Api, TokenScopes.ReadApi, TokenScopes.ReadRepository, TokenScopes.WriteRepository));
        if (identified && CanRead(caller, visibility) && Code(caller, visibility) is null) return 200;
        return caller.Presented ? 404 : 200;
    }

    /// <summary>
    /// git info/refs?service=git-upload-pack (docs/api.md: "clone public anonymously; private needs Basic with a token
    /// (read_repository, write_repository or api)"). Deliberate readings, documented in GitHttpController/GitAccess:
    /// invalid credentials are 401 with the Basic challenge, not 404, so git asks for (other) credentials, and a valid
    /// token without a repository scope counts as no credentials (a public project clones, anything else is 401
    /// "HTTP Basic: Access denied"), as GitLab's guest_can_download_code does. read_api is not a git scope in docs/api.md.
    /// </summary>
    private static int GitFetch(Caller caller, Visibility visibility)
    {
        if (caller.Presented && !caller.Valid) return 401;
        if (caller.SignedIn && !caller.HasAny(TokenScopes.Api, TokenScopes.ReadRepository, TokenScopes.WriteRepository))
            return visibility == Visibility.Public ? 200 : 401;
        return Visible(caller, visibility) ?? Code(caller, visibility) ?? 200;
    }
}
