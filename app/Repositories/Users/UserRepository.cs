using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Repositories.Users;

public sealed class UserRepository(Database db)
{
    private const string Columns = "id, username, email, name, encrypted_password, admin, state, created_at, last_activity_on";

    /// <summary>The columns a <see cref="User"/> is read from, qualified by a table alias for joins.</summary>
    public static string ColumnsOf(string alias) => Database.Qualified(Columns, alias);

    public Task<User?> FindOrNullAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE id = @id", new { id }, ct);

    public Task<User?> FindByUsernameOrNullAsync(string username, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE lower(username) = lower(@username)", new { username }, ct);

    public Task<User?> FindByLoginOrNullAsync(string login, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<User>(
            $"SELECT {Columns} FROM users WHERE lower(username) = lower(@login) OR lower(email) = lower(@login) LIMIT 1", new { login }, ct);

    public Task<IReadOnlyList<User>> ListAsync(string? username, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<User>(
            $"SELECT {Columns} FROM users WHERE (@username::text IS NULL OR lower(username) = lower(@username)) ORDER BY id OFFSET @offset LIMIT @limit",
            new { username, offset, limit }, ct);

    public Task<long> CountAsync(string? username, CancellationToken ct) =>
        db.QuerySingleAsync<long>("SELECT count(*) FROM users WHERE (@username::text IS NULL OR lower(username) = lower(@username))", new { username }, ct);

    public Task<bool> EmailTakenAsync(string email, CancellationToken ct) =>
        db.QuerySingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(@email))", new { email }, ct);

    /// <summary>Creates the user and its personal namespace together; null when the username or email is taken.</summary>
    public Task<User?> CreateWithNamespaceAsync(string username, string email, string name, string encryptedPassword, bool admin, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            var user = await tx.QueryFirstOrDefaultAsync<User>(
                $"""
                INSERT INTO users (username, email, name, encrypted_password, admin) VALUES (@username, @email, @name, @encryptedPassword, @admin)
                ON CONFLICT DO NOTHING RETURNING {Columns}
                """, new { username, email, name, encryptedPassword, admin });
            if (user is null) return null;
            // A personal namespace shares the root path space with top-level groups: either table may hold the path.
            var route = await tx.ExecuteAsync(
                """
                WITH ns AS (INSERT INTO namespaces (name, path, type, owner_id) VALUES (@username, @username, 'User', @id) ON CONFLICT DO NOTHING RETURNING id)
                INSERT INTO routes (source_type, source_id, path, name) SELECT 'Namespace', ns.id, @username, @username FROM ns
                ON CONFLICT DO NOTHING
                """, new { username, id = user.Id });
            // A group owns that path already: roll the user back too.
            return route == 1 ? user : null;
        }, user => user is not null, ct);

    public Task<int> UpdatePasswordAsync(long id, string encryptedPassword, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE users SET encrypted_password = @encryptedPassword, updated_at = now() WHERE id = @id", new { id, encryptedPassword }, ct);

    /// <summary>
    /// Moves the user from one of <paramref name="from"/> to <paramref name="to"/> in one statement, so that two admins
    /// acting at once cannot both win; false when the user was in another state by then.
    /// </summary>
    public async Task<bool> ChangeStateAsync(long id, string[] from, string to, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE users SET state = @to, updated_at = now() WHERE id = @id AND state = ANY(@from)", new { id, from, to }, ct) == 1;

    /// <summary>Records that the user was seen on <paramref name="today"/> (a UTC date); callers skip it when already so.</summary>
    public Task<int> RecordActivityAsync(long id, DateTime today, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE users SET last_activity_on = @today::date WHERE id = @id AND last_activity_on IS DISTINCT FROM @today::date",
            // Unspecified kind: sent as `timestamp`, whose cast to `date` keeps the day whatever the session time zone.
            new { id, today = DateTime.SpecifyKind(today.Date, DateTimeKind.Unspecified) }, ct);

    /// <summary>
    /// Deletes the user with their personal namespace and the given groups, everything below those namespaces
    /// (subgroups, projects) and every row that points at what goes (routes, memberships; tokens and sessions by their
    /// foreign keys), in one transaction. Returns the full paths of the deleted projects, whose repositories go next.
    /// </summary>
    public Task<IReadOnlyList<string>> DeleteWithNamespacesAsync(long id, IReadOnlyList<long> groupIds, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            var projects = await NamespaceRepository.DeleteTreesAsync(tx, id, groupIds);
            // The user's tokens, sessions and remaining memberships cascade.
            await tx.ExecuteAsync("DELETE FROM users WHERE id = @id", new { id });
            return projects;
        }, ct);
}
