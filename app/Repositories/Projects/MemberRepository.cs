using GitLabLite.Models.Projects;

namespace GitLabLite.Repositories.Projects;

public sealed class MemberRepository(Database db)
{
    /// <summary>
    /// The user's effective access to a project: the highest of its direct membership and memberships of the
    /// project's namespace and every ancestor group (GitLab's inherited membership), active ones only (<see cref="ActiveMembership"/>).
    /// A personal namespace's owner is Owner of its projects.
    /// </summary>
    public async Task<AccessLevel> ProjectAccessAsync(long projectId, long userId, CancellationToken ct) =>
        (await db.QuerySingleAsync<ProjectAccess>(ProjectAccessSql("@projectId"), new { projectId, userId }, ct)).AccessLevel;

    /// <summary>
    /// The query behind <see cref="ProjectAccessAsync"/> for the user @userId and the project whose id is the SQL
    /// expression <paramref name="projectId"/> (a parameter, or an outer query's column when used as a lateral
    /// subquery): one row of access_level and access_changes_at, the instant the earliest membership counted expires (the start of its expires_at date, UTC).
    /// </summary>
    public static string ProjectAccessSql(string projectId) => $"""
        WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors($"(SELECT namespace_id FROM projects WHERE id = {projectId})")},
        held AS (
            SELECT access_level, expires_at FROM members WHERE source_type = 'Project' AND source_id = {projectId} AND user_id = @userId
            UNION ALL SELECT m.access_level, m.expires_at FROM members m JOIN up ON m.source_type = 'Namespace' AND m.source_id = up.id
            WHERE m.user_id = @userId)
        SELECT GREATEST(
            COALESCE((SELECT max(h.access_level) FROM held h WHERE {ActiveMembership.Of("h")}), 0),
            CASE WHEN EXISTS (SELECT 1 FROM up WHERE type = 'User' AND owner_id = @userId) THEN 50 ELSE 0 END) AS access_level,
            (SELECT min(h.expires_at)::timestamp AT TIME ZONE 'UTC' FROM held h WHERE h.expires_at IS NOT NULL AND {ActiveMembership.Of("h")}) AS access_changes_at
        """;

    /// <summary>The user's effective access to a group: its own membership or any ancestor's.</summary>
    public async Task<AccessLevel> GroupAccessAsync(long namespaceId, long userId, CancellationToken ct) =>
        (AccessLevel)await db.QuerySingleAsync<int>(GroupAccessSql, new { namespaceId, userId }, ct);

    private static readonly string GroupAccessSql = $"""
            WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("@namespaceId")}
            SELECT COALESCE(max(m.access_level), 0) FROM members m JOIN up ON m.source_type = 'Namespace' AND m.source_id = up.id
            WHERE m.user_id = @userId AND {ActiveMembership.Of("m")}
            """;

    /// <summary>Active Owners of the group or an ancestor other than <paramref name="userId"/>: a group must keep one.</summary>
    public Task<long> CountOtherGroupOwnersAsync(long namespaceId, long userId, CancellationToken ct) =>
        db.QuerySingleAsync<long>(
            $"""
            WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("@namespaceId")}
            SELECT count(DISTINCT m.user_id) FROM members m JOIN up ON m.source_type = 'Namespace' AND m.source_id = up.id
            WHERE m.user_id <> @userId AND m.access_level >= 50 AND {ActiveMembership.Of("m")}
            """, new { namespaceId, userId }, ct);

    public Task<long> CountAsync(string sourceType, long sourceId, CancellationToken ct) =>
        db.QuerySingleAsync<long>($"SELECT count(*) FROM members m WHERE m.source_type = @sourceType AND m.source_id = @sourceId AND {ActiveMembership.Of("m")}",
            new { sourceType, sourceId }, ct);

    public Task<Member?> FindOrNullAsync(string sourceType, long sourceId, long userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Member>(
            $"""
            SELECT m.id, m.source_type, m.source_id, m.user_id, m.access_level, m.expires_at, m.created_at FROM members m
            WHERE m.source_type = @sourceType AND m.source_id = @sourceId AND m.user_id = @userId AND {ActiveMembership.Of("m")}
            """, new { sourceType, sourceId, userId }, ct);

    /// <summary>Null when the user is a member already (GitLab answers 409); an expired membership is replaced.</summary>
    public Task<Member?> CreateAsync(string sourceType, long sourceId, long userId, AccessLevel level, DateOnly? expiresAt, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Member>(
            $"""
            INSERT INTO members AS m (source_type, source_id, user_id, access_level, expires_at) VALUES (@sourceType, @sourceId, @userId, @level, @expiresAt::date)
            ON CONFLICT (source_type, source_id, user_id) DO UPDATE
                SET access_level = EXCLUDED.access_level, expires_at = EXCLUDED.expires_at, created_at = now(), updated_at = now()
                WHERE NOT {ActiveMembership.Of("m")}
            RETURNING id, source_type, source_id, user_id, access_level, expires_at, created_at
            """, // Dapper cannot bind DateOnly; Npgsql reads the date column back as DateOnly.
            new { sourceType, sourceId, userId, level = (int)level, expiresAt = expiresAt?.ToDateTime(TimeOnly.MinValue) }, ct);

    public Task<int> DeleteAsync(string sourceType, long sourceId, long userId, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM members WHERE source_type = @sourceType AND source_id = @sourceId AND user_id = @userId",
            new { sourceType, sourceId, userId }, ct);

    private const string UserColumns = "u.id AS user_id, u.username, u.name, u.state";

    /// <summary>Active direct members with their users, in the order they joined.</summary>
    public Task<IReadOnlyList<MemberUser>> ListUsersAsync(MemberSource source, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<MemberUser>(
            $"""
            SELECT {UserColumns}, m.access_level, m.expires_at, m.created_at FROM members m JOIN users u ON u.id = m.user_id
            WHERE m.source_type = @Type AND m.source_id = @Id AND {ActiveMembership.Of("m")} ORDER BY m.id OFFSET @offset LIMIT @limit
            """, new { source.Type, source.Id, offset, limit }, ct);

    public Task<MemberUser?> FindUserOrNullAsync(MemberSource source, long userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<MemberUser>(
            $"""
            SELECT {UserColumns}, m.access_level, m.expires_at, m.created_at FROM members m JOIN users u ON u.id = m.user_id
            WHERE m.source_type = @Type AND m.source_id = @Id AND m.user_id = @userId AND {ActiveMembership.Of("m")}
            """, new { source.Type, source.Id, userId }, ct);

    /// <summary>
    /// GitLab's members/all: members of the source's namespace (a group's own, a project's namespace) and of every group
    /// above it, plus a project's direct members, each user once with the highest unexpired level. A personal
    /// namespace has no members of its own.
    /// </summary>
    private static string AllMembers(MemberSource source) => $"""
        WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors(source.IsGroup ? "@Id" : "(SELECT namespace_id FROM projects WHERE id = @Id)")},
        candidates AS (
            SELECT m.user_id, m.access_level, m.expires_at, m.created_at FROM members m WHERE m.source_type = @Type AND m.source_id = @Id
                AND {ActiveMembership.Of("m")}
            UNION ALL SELECT m.user_id, m.access_level, m.expires_at, m.created_at FROM members m JOIN up ON m.source_type = 'Namespace' AND m.source_id = up.id
                WHERE up.type = 'Group' AND {ActiveMembership.Of("m")}),
        best AS (
            SELECT DISTINCT ON (user_id) user_id, access_level, expires_at, created_at FROM candidates ORDER BY user_id, access_level DESC)
        SELECT {UserColumns}, b.access_level, b.expires_at, b.created_at FROM best b JOIN users u ON u.id = b.user_id
        """;

    public Task<IReadOnlyList<MemberUser>> ListAllUsersAsync(MemberSource source, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<MemberUser>($"{AllMembers(source)} ORDER BY u.id OFFSET @offset LIMIT @limit", new { source.Type, source.Id, offset, limit }, ct);

    public Task<long> CountAllAsync(MemberSource source, CancellationToken ct) =>
        db.QuerySingleAsync<long>($"SELECT count(*) FROM ({AllMembers(source)}) everyone", new { source.Type, source.Id }, ct);

    /// <summary>The user's direct or inherited membership (GET .../members/all/:user_id), or null.</summary>
    public Task<MemberUser?> FindAllUserOrNullAsync(MemberSource source, long userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<MemberUser>($"{AllMembers(source)} WHERE b.user_id = @userId", new { source.Type, source.Id, userId }, ct);

    /// <summary>
    /// Sets an active membership's level and, unless <paramref name="keepExpiry"/>, its expiry (null: never);
    /// false when there is no such membership.
    /// </summary>
    public async Task<bool> UpdateAsync(MemberSource source, long userId, AccessLevel level, bool keepExpiry, DateOnly? expiresAt, CancellationToken ct) =>
        await db.ExecuteAsync(
            $"""
            UPDATE members m SET access_level = @level, updated_at = now(),
                expires_at = CASE WHEN @keepExpiry THEN m.expires_at ELSE @expiresAt::date END
            WHERE m.source_type = @Type AND m.source_id = @Id AND m.user_id = @userId AND {ActiveMembership.Of("m")}
            """, new { source.Type, source.Id, userId, level = (int)level, keepExpiry, expiresAt = expiresAt?.ToDateTime(TimeOnly.MinValue) }, ct) == 1;

    /// <summary>Whether taking <paramref name="member"/>'s Owner level away would leave its group (and the groups above) without an Owner.</summary>
    public async Task<bool> IsLastGroupOwnerAsync(MemberSource source, Member member, CancellationToken ct) =>
        source.IsGroup && member.AccessLevel >= (int)AccessLevel.Owner && await CountOtherGroupOwnersAsync(source.Id, member.UserId, ct) == 0;
}
