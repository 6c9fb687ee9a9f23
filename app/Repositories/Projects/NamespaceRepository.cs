using GitLabLite.Models.Projects;

namespace GitLabLite.Repositories.Projects;

public sealed class NamespaceRepository(Database db)
{
    private const string Select = """
        SELECT n.id, n.name, n.path, n.type, n.owner_id, n.parent_id, n.visibility_level, n.description, n.created_at,
               r.path AS full_path, r.name AS full_name
        FROM namespaces n JOIN routes r ON r.source_type = 'Namespace' AND r.source_id = n.id
        """;

    public Task<Namespace?> FindOrNullAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Namespace>($"{Select} WHERE n.id = @id", new { id }, ct);

    public Task<Namespace?> FindByFullPathOrNullAsync(string fullPath, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Namespace>($"{Select} WHERE lower(r.path) = lower(@fullPath)", new { fullPath }, ct);

    public Task<Namespace?> FindPersonalOrNullAsync(long userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Namespace>($"{Select} WHERE n.type = 'User' AND n.owner_id = @userId", new { userId }, ct);

    /// <summary>The namespace and its ancestors, nearest first.</summary>
    public Task<IReadOnlyList<long>> SelfAndAncestorIdsAsync(long id, CancellationToken ct) =>
        db.QueryAsync<long>($"WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("@id")} SELECT id FROM up ORDER BY depth", new { id }, ct);

    /// <summary>
    /// Groups the user owns directly with no other owner there or in a group above (GitLab's solo_owned_groups): a
    /// user who is the last owner of a group cannot be removed without removing the group.
    /// </summary>
    public Task<IReadOnlyList<long>> SoloOwnedGroupIdsAsync(long userId, CancellationToken ct) =>
        db.QueryAsync<long>(SoloOwnedGroupIds, new { userId }, ct);

    private static readonly string SoloOwnedGroupIds = $"""
            SELECT n.id FROM namespaces n
            JOIN members m ON m.source_type = 'Namespace' AND m.source_id = n.id AND m.user_id = @userId AND m.access_level = 50
            WHERE n.type = 'Group' AND NOT EXISTS (
                WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("n.id")}
                SELECT 1 FROM members o JOIN up ON o.source_type = 'Namespace' AND o.source_id = up.id
                WHERE o.access_level = 50 AND o.user_id <> @userId)
            ORDER BY n.id
            """;

    /// <summary>
    /// Groups visible to the user (public; internal when signed in; private where the user is a member of the group or
    /// an ancestor; all for admins), optionally filtered by a search term, paginated.
    /// </summary>
    public Task<IReadOnlyList<Namespace>> ListVisibleGroupsAsync(long? userId, bool admin, string? search, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<Namespace>($"{Select} WHERE {VisibleGroups} ORDER BY r.path OFFSET @offset LIMIT @limit",
            new { userId, admin, search, offset, limit }, ct);

    public Task<long> CountVisibleGroupsAsync(long? userId, bool admin, string? search, CancellationToken ct) =>
        db.QuerySingleAsync<long>($"SELECT count(*) FROM namespaces n JOIN routes r ON r.source_type = 'Namespace' AND r.source_id = n.id WHERE {VisibleGroups}",
            new { userId, admin, search }, ct);

    private static readonly string VisibleGroups = $"""
        n.type = 'Group' AND (@search::text IS NULL OR r.path ILIKE '%' || @search || '%' OR r.name ILIKE '%' || @search || '%')
        AND (@admin OR n.visibility_level = 20 OR (@userId::bigint IS NOT NULL AND n.visibility_level = 10)
             OR EXISTS (
                WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("n.id")}
                SELECT 1 FROM members m JOIN up ON m.source_type = 'Namespace' AND m.source_id = up.id
                WHERE m.user_id = @userId AND {ActiveMembership.Of("m")}))
        """;

    /// <summary>Creates a group with its route; null when the full path is taken.</summary>
    public Task<Namespace?> CreateGroupAsync(string name, string path, Namespace? parent, Visibility visibility, string description, long ownerId, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            // ON CONFLICT: a taken path (a sibling group or, at the top, a username) is an answer, not an exception.
            var id = await tx.QueryFirstOrDefaultAsync<long?>(
                """
                INSERT INTO namespaces (name, path, type, parent_id, visibility_level, description)
                VALUES (@name, @path, 'Group', @parentId, @visibility, @description) ON CONFLICT DO NOTHING RETURNING id
                """, new { name, path, parentId = parent?.Id, visibility = (int)visibility, description });
            if (id is null) return null;
            var fullPath = parent is null ? path : $"{parent.FullPath}/{path}";
            var fullName = parent is null ? name : $"{parent.FullName} / {name}";
            var routed = await tx.ExecuteAsync(
                "INSERT INTO routes (source_type, source_id, path, name) VALUES ('Namespace', @id, @fullPath, @fullName) ON CONFLICT DO NOTHING",
                new { id, fullPath, fullName });
            if (routed == 0) return null;
            // The creator owns a new top-level group, as in GitLab.
            await tx.ExecuteAsync(
                "INSERT INTO members (source_type, source_id, user_id, access_level) VALUES ('Namespace', @id, @ownerId, 50)",
                new { id, ownerId });
            return await tx.QueryFirstOrDefaultAsync<Namespace>($"{Select} WHERE n.id = @id", new { id });
        }, group => group is not null, ct);
}
