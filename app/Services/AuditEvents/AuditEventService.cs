using System.Text.Json;
using GitLabLite.Models.AuditEvents;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.AuditEvents;

namespace GitLabLite.Services.AuditEvents;

/// <summary>GitLab's AuditEventService: records who did what to a project, with a sentence a person can read.</summary>
public sealed class AuditEventService(AuditEventRepository events)
{
    public Task<AuditEvent> RecordAsync(User author, Project project, string eventName, string targetType, string targetDetails,
        string customMessage, IReadOnlyDictionary<string, string?> details, string? ipAddress, CancellationToken ct)
    {
        var fields = new Dictionary<string, string?>(details) { ["custom_message"] = customMessage };
        return events.CreateAsync(new AuditEvent
        {
            AuthorId = author.Id,
            AuthorName = author.Name,
            EntityType = AuditEvent.ProjectEntity,
            EntityId = project.Id,
            EntityPath = project.FullPath,
            EventName = eventName,
            TargetType = targetType,
            TargetDetails = targetDetails,
            Details = JsonSerializer.Serialize(fields),
            IpAddress = ipAddress,
        }, ct);
    }
}
