namespace GitLabLite.Models.AuditEvents;

/// <summary>
/// GitLab's AuditEvent: who (author) did what (event name, details) to which entity, and from where. Names and paths
/// are copies, so the event outlives its author and entity.
/// </summary>
public sealed record AuditEvent
{
    public const string ProjectEntity = "Project";

    public long Id { get; init; }
    public long AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public string EntityType { get; init; } = "";
    public long EntityId { get; init; }
    public string EntityPath { get; init; } = "";
    public string EventName { get; init; } = "";
    public string? TargetType { get; init; }
    public string? TargetDetails { get; init; }

    /// <summary>A JSON object of event-specific fields (custom_message, from, to, ...).</summary>
    public string Details { get; init; } = "{}";

    public string? IpAddress { get; init; }
    public DateTime CreatedAt { get; init; }
}
