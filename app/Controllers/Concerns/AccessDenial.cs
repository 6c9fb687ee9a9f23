namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// A refusal: its kind, what was looked for (the REST API says "404 Project Not Found") and a one-line reason for the
/// surfaces that print one (the go command shows the Go proxy's text/plain body to the user).
/// </summary>
public sealed record AccessDenial(AccessDenialKind Kind, string Subject, string Reason)
{
    public static readonly AccessDenial Unauthorized =
        new(AccessDenialKind.Unauthorized, "", "unauthorized: this needs credentials (a token with read_api in ~/.netrc)");

    public static readonly AccessDenial InvalidCredentials = new(AccessDenialKind.InvalidCredentials, "", "not found: invalid credentials");

    public static readonly AccessDenial InsufficientScope =
        new(AccessDenialKind.InsufficientScope, "", "forbidden: the token needs the api or read_api scope");

    /// <summary>The user's account refuses the token, with GitLab's reason ("Your account has been blocked.").</summary>
    public static AccessDenial AccountDenied(string reason) => new(AccessDenialKind.AccountDenied, "", reason);

    public static readonly AccessDenial NotAdmin = new(AccessDenialKind.Forbidden, "", "forbidden: administrators only");
}
