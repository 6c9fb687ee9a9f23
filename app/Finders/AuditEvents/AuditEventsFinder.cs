using GitLabLite.Models.AuditEvents;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.AuditEvents;

namespace GitLabLite.Finders.AuditEvents;

/// <summary>A project's audit events, newest first, a page at a time.</summary>
public sealed class AuditEventsFinder(AuditEventRepository events)
{
    public async Task<(IReadOnlyList<AuditEvent> Page, long Total)> ListAsync(Project project, int offset, int limit, CancellationToken ct) =>
        (await events.ListAsync(AuditEvent.ProjectEntity, project.Id, offset, limit, ct), await events.CountAsync(AuditEvent.ProjectEntity, project.Id, ct));
}
