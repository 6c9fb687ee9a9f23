using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Implemented by each controller family (REST API, Go proxy, git, pages): the concern filters decide, the
/// controller renders the refusal in its surface's style (JSON message, text/plain line, Basic challenge, page).
/// </summary>
public interface IAccessDeniedResponder
{
    IActionResult Deny(AccessDenial denial);
}
