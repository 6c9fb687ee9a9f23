using GitLabLite.Models.Projects;

namespace GitLabLite.Repositories.Projects;

public sealed class ProjectRepository(Database db)
{
    private const string Columns = """
        p.id, p.name, p.path, p.namespace_id, p.creator_id, p.visibility_level, p.description, p.default_branch,
               p.created_at, p.last_activity_at, nr.path AS namespace_full_path, nr.name AS namespace_full_name,
               n.name AS namespace_name, n.path AS namespace_path, n.type AS namespace_type, n.parent_id AS namespace_parent_id,
               COALESCE(pis.status, 'none') AS import_status, pis.last_error AS import_error
        """;

    private const string Joins = """
        FROM projects p JOIN routes nr ON nr.source_type = 'Namespace' AND nr.source_id = p.namespace_id
        JOIN namespaces n ON n.id = p.namespace_id
        LEFT JOIN project_import_state pis ON pis.project_id = p.id
        """;

    private const string Select = $"SELECT {Columns} {Joins}";

    private const string ProjectRoute = "JOIN routes pr ON pr.source_type = 'Project' AND pr.source_id = p.id";

    private const string ByFullPath = $"{ProjectRoute} WHERE lower(pr.path) = lower(@fullPath)";

    // The project row and the user's access in one round trip (every authorised request needs both).
    private static readonly string SelectWithAccess =
        $"SELECT {Columns}, coalesce(a.access_level, 0) AS access_level, a.access_changes_at {Joins} " +
        $"LEFT JOIN LATERAL ({MemberRepository.ProjectAccessSql("p.id")}) a ON @userId::bigint IS NOT NULL";

    public Task<Project?> FindOrNullAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Project>($"{Select} WHERE p.id = @id", new { id }, ct);

    public Task<Project?> FindByFullPathOrNullAsync(string fullPath, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Project>($"{Select} {ByFullPath}", new { fullPath }, ct);

    /// <summary>The project with the user's effective access (<see cref="MemberRepository.ProjectAccessAsync"/>; none when anonymous).</summary>
    public Task<(Project Project, ProjectAccess Access)?> FindWithAccessOrNullAsync(long id, long? userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Project, ProjectAccess, (Project, ProjectAccess)?>(
            $"{SelectWithAccess} WHERE p.id = @id", (project, access) => (project, access), "access_level", new { id, userId }, ct);

    /// <summary>As <see cref="FindWithAccessOrNullAsync"/>, by full path (case-insensitive).</summary>
    public Task<(Project Project, ProjectAccess Access)?> FindByFullPathWithAccessOrNullAsync(string fullPath, long? userId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<Project, ProjectAccess, (Project, ProjectAccess)?>(
            $"{SelectWithAccess} {ByFullPath}", (project, access) => (project, access), "access_level", new { fullPath, userId }, ct);

    /// <summary>
    /// The projects whose full paths are among <paramref name="lowerFullPaths"/> (lower case, as routes are unique),
    /// each with the user's effective access: one lookup on the routes' lower(path) index, however many paths.
    /// </summary>
    public Task<IReadOnlyList<(Project Project, ProjectAccess Access)>> ListByFullPathsWithAccessAsync(
        string[] lowerFullPaths, long? userId, CancellationToken ct) =>
        db.QueryAsync<Project, ProjectAccess, (Project, ProjectAccess)>(
            $"{SelectWithAccess} {ProjectRoute} WHERE lower(pr.path) = ANY(@lowerFullPaths)",
            (project, access) => (project, access), "access_level", new { lowerFullPaths, userId }, ct);

    /// <summary>
    /// Projects the user may see: public; internal when signed in; private where the user has any membership
    /// (direct, inherited from a group, or owns the personal namespace); all for admins.
    /// </summary>
    public Task<IReadOnlyList<Project>> ListVisibleAsync(ProjectListFilter filter, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<Project>($"{Select} WHERE {Visible} ORDER BY p.id DESC OFFSET @offset LIMIT @limit",
            new { filter.UserId, filter.Admin, filter.Search, filter.NamespaceId, filter.IncludeSubgroups, filter.Membership, filter.Owned, filter.VisibilityLevel, offset, limit }, ct);

    public Task<long> CountVisibleAsync(ProjectListFilter filter, CancellationToken ct) =>
        db.QuerySingleAsync<long>(
            $"SELECT count(*) FROM projects p JOIN routes nr ON nr.source_type = 'Namespace' AND nr.source_id = p.namespace_id WHERE {Visible}",
            new { filter.UserId, filter.Admin, filter.Search, filter.NamespaceId, filter.IncludeSubgroups, filter.Membership, filter.Owned, filter.VisibilityLevel }, ct);

    private static readonly string MemberOf = $"""
        (EXISTS (SELECT 1 FROM members m WHERE m.source_type = 'Project' AND m.source_id = p.id AND m.user_id = @userId AND {ActiveMembership.Of("m")})
         OR EXISTS (
            WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("p.namespace_id")}
            SELECT 1 FROM up WHERE (up.type = 'User' AND up.owner_id = @userId)
               OR EXISTS (SELECT 1 FROM members m WHERE m.source_type = 'Namespace' AND m.source_id = up.id AND m.user_id = @userId
                          AND {ActiveMembership.Of("m")})))
        """;

    private static readonly string Visible = $"""
        (@search::text IS NULL OR p.name ILIKE '%' || @search || '%' OR p.path ILIKE '%' || @search || '%')
        AND (@namespaceId::bigint IS NULL OR p.namespace_id = @namespaceId OR (@includeSubgroups AND EXISTS (
            WITH RECURSIVE {NamespaceAncestry.SelfAndAncestors("p.namespace_id")} SELECT 1 FROM up WHERE up.id = @namespaceId)))
        AND (NOT @membership OR (@userId::bigint IS NOT NULL AND {MemberOf}))
        AND (NOT @owned OR EXISTS (SELECT 1 FROM namespaces o WHERE o.id = p.namespace_id AND o.type = 'User' AND o.owner_id = @userId))
        AND (@visibilityLevel::int IS NULL OR p.visibility_level = @visibilityLevel)
        AND (@admin OR p.visibility_level = 20 OR (@userId::bigint IS NOT NULL AND (p.visibility_level = 10 OR {MemberOf})))
        """;

    /// <summary>Creates the project and its route in one transaction; null when the full path is taken.</summary>
    public Task<Project?> CreateAsync(NewProject project, Namespace ns, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            // ON CONFLICT: a taken path is an answer (null), not a unique-violation exception.
            var id = await tx.QueryFirstOrDefaultAsync<long?>(
                """
                INSERT INTO projects (name, path, namespace_id, creator_id, visibility_level, description, default_branch)
                VALUES (@Name, @Path, @NamespaceId, @CreatorId, @VisibilityLevel, @Description, @DefaultBranch) ON CONFLICT DO NOTHING RETURNING id
                """, new { project.Name, project.Path, NamespaceId = ns.Id, project.CreatorId, VisibilityLevel = (int)project.Visibility, project.Description, project.DefaultBranch });
            if (id is null) return null;
            var routed = await tx.ExecuteAsync(
                "INSERT INTO routes (source_type, source_id, path, name) VALUES ('Project', @id, @path, @name) ON CONFLICT DO NOTHING",
                new { id, path = $"{ns.FullPath}/{project.Path}", name = $"{ns.FullName} / {project.Name}" });
            if (routed == 0) return null;
            // As GitLab, the owner of a personal namespace is listed as the Owner member of its projects.
            if (!ns.IsGroup && ns.OwnerId is { } ownerId)
                await tx.ExecuteAsync("INSERT INTO members (source_type, source_id, user_id, access_level) VALUES ('Project', @id, @ownerId, 50)", new { id, ownerId });
            return await tx.QueryFirstOrDefaultAsync<Project>($"{Select} WHERE p.id = @id", new { id });
        }, created => created is not null, ct);

    /// <summary>Updates the given fields; renaming the path moves the route. Null when the new path is taken.</summary>
    public Task<Project?> UpdateAsync(Project project, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            var routed = await tx.ExecuteAsync(
                """
                UPDATE routes SET path = @fullPath, name = @name WHERE source_type = 'Project' AND source_id = @Id
                AND NOT EXISTS (SELECT 1 FROM routes o WHERE lower(o.path) = lower(@fullPath) AND NOT (o.source_type = 'Project' AND o.source_id = @Id))
                """, new { project.Id, fullPath = project.FullPath, name = project.NameWithNamespace });
            if (routed == 0) return null;
            await tx.ExecuteAsync(
                """
                UPDATE projects SET name = @Name, path = @Path, visibility_level = @VisibilityLevel, description = @Description,
                    default_branch = @DefaultBranch, updated_at = now() WHERE id = @Id
                """, project);
            return await tx.QueryFirstOrDefaultAsync<Project>($"{Select} WHERE p.id = @Id", new { project.Id });
        }, updated => updated is not null, ct);

    public Task<int> SetDefaultBranchAsync(long id, string branch, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE projects SET default_branch = @branch, last_activity_at = now() WHERE id = @id", new { id, branch }, ct);

    public Task<int> TouchActivityAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE projects SET last_activity_at = now() WHERE id = @id", new { id }, ct);

    /// <summary>Removes the project, its route and its memberships.</summary>
    public Task<int> DeleteAsync(long id, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("DELETE FROM members WHERE source_type = 'Project' AND source_id = @id", new { id });
            await tx.ExecuteAsync("DELETE FROM routes WHERE source_type = 'Project' AND source_id = @id", new { id });
            return await tx.ExecuteAsync("DELETE FROM projects WHERE id = @id", new { id });
        }, ct);
}
