using GitLabLite.Models.Users;

namespace GitLabLite.Repositories.Users;

public sealed class UserRepository(Database db)
{
    private const string Columns = "id, username, email, name, encrypted_password, admin, state, created_at";

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
}
