using GitLabLite.Models.Users;

namespace GitLabLite.Services.Users;

/// <summary>Who made a request: nobody, a valid token's user, or credentials that were presented but are not valid.</summary>
public sealed record AuthenticationResult(AuthenticationStatus Status, User? User, PersonalAccessToken? Token)
{
    public static readonly AuthenticationResult Anonymous = new(AuthenticationStatus.Anonymous, null, null);
    public static readonly AuthenticationResult Invalid = new(AuthenticationStatus.Invalid, null, null);

    /// <summary>
    /// For a genuine token of a user who may not use it now (blocked, deactivated): the reason, in GitLab's words, that
    /// the API and the Go proxy answer with 403. Still <see cref="AuthenticationStatus.Invalid"/> for everything else.
    /// </summary>
    public string? DeniedReason { get; init; }

    public static AuthenticationResult Denied(string reason) => Invalid with { DeniedReason = reason };

    public bool SignedIn => Status == AuthenticationStatus.Authenticated;

    public bool IsAdmin => User is { Admin: true };

    /// <summary>A cookie session (no token) carries every scope, as a signed-in browser does in GitLab.</summary>
    public bool HasScope(string scope) => Token is null ? SignedIn : Token.HasScope(scope);
}
