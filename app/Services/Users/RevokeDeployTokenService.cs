using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// Ends a deploy token of a project or group: revoked (the page, DeployTokens::RevokeService: still listed, as
/// revoked) or destroyed (the API's DELETE, DeployTokens::DestroyService). Either way the next request with it fails:
/// authentication reads the table every time.
/// </summary>
public sealed class RevokeDeployTokenService(DeployTokenRepository tokens)
{
    /// <summary>The revoked token, or null when the owner has no such active token.</summary>
    public async Task<DeployToken?> RevokeAsync(DeployTokenOwner owner, long id, CancellationToken ct) =>
        await tokens.FindOrNullAsync(owner, id, ct) is { } token && await tokens.RevokeAsync(owner, id, ct) ? token : null;

    public Task<bool> DestroyAsync(DeployTokenOwner owner, long id, CancellationToken ct) => tokens.DeleteAsync(owner, id, ct);
}
