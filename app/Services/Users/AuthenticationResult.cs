using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// Who made a request: nobody, a valid token's user, a browser session's user, a deploy token (no user), or
/// credentials that were presented but are not valid.
/// </summary>
public sealed record AuthenticationResult(AuthenticationStatus Status, User? User, PersonalAccessToken? Token)
{
    public static readonly AuthenticationResult Anonymous = new(AuthenticationStatus.Anonymous, null, null);
    public static readonly AuthenticationResult Invalid = new(AuthenticationStatus.Invalid, null, null);

    public static AuthenticationResult ForSession(User user) => new(AuthenticationStatus.Authenticated, user, null) { ViaSession = true };

    public static AuthenticationResult ForDeployToken(DeployToken token) => new(AuthenticationStatus.Authenticated, null, null) { DeployToken = token };

    /// <summary>The deploy token the request came with (then there is no user).</summary>
    public DeployToken? DeployToken { get; private init; }

    /// <summary>
    /// Signed in by the session cookie rather than by credentials the client sent explicitly: the one fact a
    /// cross-site request check needs (a browser attaches the cookie to forged requests too, never a token).
    /// </summary>
    public bool ViaSession { get; private init; }

    /// <summary>
    /// For a genuine token of a user who may not use it now (blocked, deactivated): the reason, in GitLab's words, that
    /// the API and the Go proxy answer with 403. Still <see cref="AuthenticationStatus.Invalid"/> for everything else.
    /// </summary>
    public string? DeniedReason { get; private init; }

    public static AuthenticationResult Denied(string reason) => Invalid with { DeniedReason = reason };

    public bool SignedIn => Status == AuthenticationStatus.Authenticated;

    public bool IsAdmin => User is { Admin: true };

    /// <summary>A cookie session (no token) carries every scope, as a signed-in browser does in GitLab.</summary>
    public bool HasScope(string scope) => DeployToken?.HasScope(scope) ?? (Token is null ? SignedIn : Token.HasScope(scope));

    /// <summary>
    /// What this caller may do with <paramref name="project"/>, given the user's effective member access to it. A
    /// deploy token reads (as a Reporter would) exactly the projects it belongs to, and is no user for visibility.
    /// </summary>
    public ProjectPermissions PermissionsOn(Project project, AccessLevel memberAccess) =>
        DeployToken is { } deploy
            ? new ProjectPermissions(project, deploy.Covers(project) ? AccessLevel.Reporter : AccessLevel.NoAccess, false, false)
            : new ProjectPermissions(project, memberAccess, SignedIn, IsAdmin);

    /// <summary>As <see cref="PermissionsOn(Project, AccessLevel)"/>, for a group (a group deploy token reads its group and subgroups).</summary>
    public GroupPermissions PermissionsOn(Namespace group, AccessLevel memberAccess) =>
        DeployToken is { } deploy
            ? new GroupPermissions(group, deploy.Covers(group) ? AccessLevel.Reporter : AccessLevel.NoAccess, false, false)
            : new GroupPermissions(group, memberAccess, SignedIn, IsAdmin);
}
