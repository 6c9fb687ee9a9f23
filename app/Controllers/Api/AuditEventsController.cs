using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.AuditEvents;
using GitLabLite.Presenters.AuditEvents;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>GitLab's project audit events API (GET /projects/:id/audit_events), for Maintainers and administrators.</summary>
[Authenticate(RequireSignIn = true)]
public sealed class AuditEventsController(AuditEventsFinder events) : ApiController
{
    [HttpGet("projects/{id}/audit_events")]
    [AuthorizeProject]
    public async Task<IActionResult> Index(string id, [FromQuery] Pagination pagination)
    {
        var permissions = HttpContext.ProjectPermissions();
        if (!permissions.CanAdmin) return Forbidden403();
        var (page, total) = await events.ListAsync(permissions.Project, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(AuditEventPresenter.Present));
    }
}
