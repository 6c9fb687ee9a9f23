using System.Text.Json;
using GitLabLite.Models.AuditEvents;

namespace GitLabLite.Presenters.AuditEvents;

/// <summary>GitLab's AuditEvent entity: the event-specific details merged with who, what and where.</summary>
public static class AuditEventPresenter
{
    public static object Present(AuditEvent e)
    {
        var details = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(e.Details) ?? [];
        details["author_name"] = JsonSerializer.SerializeToElement(e.AuthorName);
        details["target_id"] = JsonSerializer.SerializeToElement(e.TargetDetails);
        details["target_type"] = JsonSerializer.SerializeToElement(e.TargetType);
        details["target_details"] = JsonSerializer.SerializeToElement(e.TargetDetails);
        details["ip_address"] = JsonSerializer.SerializeToElement(e.IpAddress);
        details["entity_path"] = JsonSerializer.SerializeToElement(e.EntityPath);
        return new
        {
            e.Id,
            e.AuthorId,
            e.EntityId,
            e.EntityType,
            e.EventName,
            Details = details,
            e.CreatedAt,
        };
    }
}
