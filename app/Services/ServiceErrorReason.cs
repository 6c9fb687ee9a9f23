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
    Unavailable,
}
