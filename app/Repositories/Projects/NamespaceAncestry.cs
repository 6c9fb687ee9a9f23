namespace GitLabLite.Repositories.Projects;

/// <summary>
/// The one ancestor query: a namespace and every group above it, as a recursive common table expression that the
/// membership, visibility and access queries join. Namespaces nest at most 20 deep, so the walk is a handful of
/// index lookups on namespaces' primary key.
/// </summary>
public static class NamespaceAncestry
{
    /// <summary>
    /// <c>up(id, parent_id, type, owner_id, depth)</c>: the namespace whose id is the SQL expression
    /// <paramref name="startId"/> (a parameter, or an outer query's column in a correlated subquery) at depth 0, then
    /// its parent at depth 1, and so on. Goes after <c>WITH RECURSIVE</c>.
    /// </summary>
    public static string SelfAndAncestors(string startId) => $"""
        up(id, parent_id, type, owner_id, depth) AS (
            SELECT ancestor.id, ancestor.parent_id, ancestor.type, ancestor.owner_id, 0 FROM namespaces ancestor WHERE ancestor.id = {startId}
            UNION ALL SELECT ancestor.id, ancestor.parent_id, ancestor.type, ancestor.owner_id, up.depth + 1 FROM namespaces ancestor JOIN up ON ancestor.id = up.parent_id)
        """;
}
