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

    private const string Below = """
        WITH RECURSIVE below(id) AS (
            SELECT n.id FROM namespaces n WHERE n.id = @id UNION SELECT c.id FROM namespaces c JOIN below b ON c.parent_id = b.id)
        """;

    /// <summary>The highest visibility among the subgroups and projects at any depth below the group; null when it has none.</summary>
    public async Task<Visibility?> MostVisibleBelowAsync(long id, CancellationToken ct) =>
        (Visibility?)await db.QuerySingleAsync<int?>(
            $"""
            {Below} SELECT max(v) FROM (
                SELECT visibility_level AS v FROM namespaces WHERE id IN (SELECT id FROM below) AND id <> @id
                UNION ALL SELECT visibility_level FROM projects WHERE namespace_id IN (SELECT id FROM below)) levels
            """, new { id }, ct);

    /// <summary>
    /// PUT /groups/:id: the group's name, description and visibility; a new name is carried into the full names of
    /// the routes of every group and project below it ("Top / Sub / project").
    /// </summary>
    public async Task<Namespace> UpdateGroupAsync(Namespace group, string name, string description, Visibility visibility, CancellationToken ct)
    {
        var fullName = group.FullName[..^group.Name.Length] + name;
        await db.InTransactionAsync(async tx =>
        {
            var args = new { group.Id, name, description, visibility = (int)visibility, oldFullName = group.FullName, fullName };
            await tx.ExecuteAsync("UPDATE namespaces SET name = @name, description = @description, visibility_level = @visibility, updated_at = now() WHERE id = @id", args);
            return await tx.ExecuteAsync(
                $"""
                {Below} UPDATE routes SET name = @fullName || substr(name, length(@oldFullName) + 1)
                WHERE left(name, length(@oldFullName)) = @oldFullName AND @fullName <> @oldFullName
                  AND ((source_type = 'Namespace' AND source_id IN (SELECT id FROM below))
                       OR (source_type = 'Project' AND source_id IN (SELECT id FROM projects WHERE namespace_id IN (SELECT id FROM below))))
                """, args);
        }, ct);
        return (await FindOrNullAsync(group.Id, ct))!;
    }

    /// <summary>DELETE /groups/:id: the group with its subgroups, projects, routes and memberships; the deleted projects' full paths.</summary>
    public Task<IReadOnlyList<string>> DeleteGroupAsync(long groupId, CancellationToken ct) =>
        db.InTransactionAsync(tx => DeleteTreesAsync(tx, ownerId: null, [groupId]), ct);

    /// <summary>
    /// Deletes, inside <paramref name="tx"/>, the groups and the personal namespace of <paramref name="ownerId"/> (when
    /// set) with every namespace below them, their projects, routes and memberships; answers the deleted projects' full
    /// paths, whose repositories the caller removes after the commit.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DeleteTreesAsync(Database.Transaction tx, long? ownerId, IReadOnlyList<long> groupIds)
    {
        const string Doomed = """
            WITH RECURSIVE doomed(id) AS (
                SELECT n.id FROM namespaces n WHERE (n.type = 'User' AND n.owner_id = @ownerId) OR n.id = ANY(@groupIds)
                UNION SELECT c.id FROM namespaces c JOIN doomed d ON c.parent_id = d.id),
            doomed_projects AS (SELECT id FROM projects WHERE namespace_id IN (SELECT id FROM doomed))
            """;
        var args = new { ownerId, groupIds = groupIds.ToArray() };
        var projects = await tx.QueryAsync<string>(
            $"{Doomed} SELECT path FROM routes WHERE source_type = 'Project' AND source_id IN (SELECT id FROM doomed_projects)", args);
        await tx.ExecuteAsync(
            $"""
            {Doomed}, gone_members AS (
                DELETE FROM members WHERE (source_type = 'Namespace' AND source_id IN (SELECT id FROM doomed))
                    OR (source_type = 'Project' AND source_id IN (SELECT id FROM doomed_projects)))
            DELETE FROM routes WHERE (source_type = 'Namespace' AND source_id IN (SELECT id FROM doomed))
                OR (source_type = 'Project' AND source_id IN (SELECT id FROM doomed_projects))
            """, args);
        // Namespaces cascade to their subgroups and projects.
        await tx.ExecuteAsync($"{Doomed} DELETE FROM namespaces WHERE id IN (SELECT id FROM doomed)", args);
        return projects;
    }

    /// <summary>
    /// Groups visible to the user (public; internal when signed in; private where the user is a member of the group or
    /// an ancestor; all for admins), optionally filtered by a search term and to the children (<c>parentId</c>) or
    /// every descendant (<c>ancestorId</c>) of a group, paginated.
    /// </summary>
    public Task<IReadOnlyList<Namespace>> ListVisibleGroupsAsync(GroupListFilter filter, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<Namespace>($"{Select} WHERE {VisibleGroups} ORDER BY r.path OFFSET @offset LIMIT @limit",
            new { filter.UserId, filter.Admin, filter.Search, filter.ParentId, filter.AncestorId, offset, limit }, ct);

    public Task<long> CountVisibleGroupsAsync(GroupListFilter filter, CancellationToken ct) =>
        db.QuerySingleAsync<long>($"SELECT count(*) FROM namespaces n JOIN routes r ON r.source_type = 'Namespace' AND r.source_id = n.id WHERE {VisibleGroups}",
            new { filter.UserId, filter.Admin, filter.Search, filter.ParentId, filter.AncestorId }, ct);

    private static readonly string VisibleGroups = $"""
        n.type = 'Group' AND (@search::text IS NULL OR r.path ILIKE '%' || @search || '%' OR r.name ILIKE '%' || @search || '%')
        AND (@parentId::bigint IS NULL OR n.parent_id = @parentId)
        AND (@ancestorId::bigint IS NULL OR (n.id <> @ancestorId AND EXISTS (
            WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("n.id")} SELECT 1 FROM up WHERE up.id = @ancestorId)))
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
