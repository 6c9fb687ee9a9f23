namespace GitLabLite.Services;

public enum ServiceErrorReason
{
    None,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unprocessable,

    /// <summary>A passing lack of capacity: the caller may retry (503 with Retry-After).</summary>
    Unavailable,
}
