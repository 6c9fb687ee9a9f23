using GitLabLite.Models.AuditEvents;

namespace GitLabLite.Repositories.AuditEvents;

public sealed class AuditEventRepository(Database db)
{
    private const string Columns = """
        id, author_id, author_name, entity_type, entity_id, entity_path, event_name, target_type, target_details, details::text AS details,
        ip_address, created_at
        """;

    public Task<AuditEvent> CreateAsync(AuditEvent e, CancellationToken ct) =>
        db.QuerySingleAsync<AuditEvent>(
            $"""
            INSERT INTO audit_events (author_id, author_name, entity_type, entity_id, entity_path, event_name, target_type, target_details, details, ip_address)
            VALUES (@AuthorId, @AuthorName, @EntityType, @EntityId, @EntityPath, @EventName, @TargetType, @TargetDetails, @Details::jsonb, @IpAddress)
            RETURNING {Columns}
            """, e, ct);

    /// <summary>An entity's events, newest first.</summary>
    public Task<IReadOnlyList<AuditEvent>> ListAsync(string entityType, long entityId, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<AuditEvent>(
            $"SELECT {Columns} FROM audit_events WHERE entity_type = @entityType AND entity_id = @entityId ORDER BY created_at DESC, id DESC OFFSET @offset LIMIT @limit",
            new { entityType, entityId, offset, limit }, ct);

    public Task<long> CountAsync(string entityType, long entityId, CancellationToken ct) =>
        db.QuerySingleAsync<long>("SELECT count(*) FROM audit_events WHERE entity_type = @entityType AND entity_id = @entityId", new { entityType, entityId }, ct);
}
