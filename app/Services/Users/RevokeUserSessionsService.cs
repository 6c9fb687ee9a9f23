using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// Signs a user out everywhere (GitLab's ActiveSession.destroy_all): every browser session of the user ends at once,
/// on every node, because sessions live in Postgres. Called on password change, and by whatever blocks, deactivates
/// or deletes a user. Tokens are separate credentials and stay as they are.
/// </summary>
public sealed class RevokeUserSessionsService(UserSessionRepository sessions)
{
    /// <returns>How many sessions ended.</returns>
    public Task<int> ExecuteAsync(long userId, CancellationToken ct) => sessions.DeleteForUserAsync(userId, ct);
}
