namespace GitLabLite.Controllers.Concerns;

/// <summary>Why a concern filter stopped a request; each surface (REST API, Go proxy, git, pages) answers it in its own style.</summary>
public enum AccessDenialKind
{
    /// <summary>No credentials, and the request needs some (or the resource is not public).</summary>
    Unauthorized,
    /// <summary>Credentials were presented but are unknown, expired or revoked.</summary>
    InvalidCredentials,
    /// <summary>A genuine token of a user who may not use it now (blocked, deactivated); the reason says why.</summary>
    AccountDenied,
    /// <summary>A valid token without a scope this request needs.</summary>
    InsufficientScope,
    /// <summary>Answered exactly as for something that does not exist.</summary>
    NotFound,
    /// <summary>The caller may see the resource but not do this.</summary>
    Forbidden,
}
