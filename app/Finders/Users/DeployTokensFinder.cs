using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Finders.Users;

/// <summary>Deploy tokens of a project or group, or of the whole instance (a null owner: the admin list); access is the caller's check.</summary>
public sealed class DeployTokensFinder(DeployTokenRepository tokens)
{
    /// <summary>One page, oldest first, and the total; <paramref name="activeOnly"/> leaves out revoked and expired tokens.</summary>
    public async Task<(IReadOnlyList<DeployToken> Page, long Total)> ListAsync(
        DeployTokenOwner? owner, bool activeOnly, int offset, int limit, CancellationToken ct) =>
        (await tokens.ListAsync(owner, activeOnly, offset, limit, ct), await tokens.CountAsync(owner, activeOnly, ct));

    public Task<DeployToken?> FindOrNullAsync(DeployTokenOwner owner, long id, CancellationToken ct) => tokens.FindOrNullAsync(owner, id, ct);
}
