using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Finders.Users;

/// <summary>Users by id or, for GET /users, filtered by exact username (case-insensitive, as GitLab).</summary>
public sealed class UsersFinder(UserRepository users)
{
    public Task<User?> FindOrNullAsync(long id, CancellationToken ct) => users.FindOrNullAsync(id, ct);

    public async Task<(IReadOnlyList<User> Items, long Total)> ListAsync(string? username, int offset, int limit, CancellationToken ct) =>
        (await users.ListAsync(username, offset, limit, ct), await users.CountAsync(username, ct));
}
