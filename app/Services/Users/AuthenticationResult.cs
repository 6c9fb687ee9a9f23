using GitLabLite.Models.Users;

namespace GitLabLite.Services.Users;

/// <summary>Who made a request: nobody, a valid token's user, a browser session's user, or credentials that were presented but are not valid.</summary>
public sealed record AuthenticationResult(AuthenticationStatus Status, User? User, PersonalAccessToken? Token)
{
    public static readonly AuthenticationResult Anonymous = new(AuthenticationStatus.Anonymous, null, null);
    public static readonly AuthenticationResult Invalid = new(AuthenticationStatus.Invalid, null, null);

    public static AuthenticationResult ForSession(User user) => new(AuthenticationStatus.Authenticated, user, null) { ViaSession = true };

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
    public bool HasScope(string scope) => Token is null ? SignedIn : Token.HasScope(scope);
}
