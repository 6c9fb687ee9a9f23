using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>Issues a deploy token for a project or group (DeployTokens::CreateService); input is validated by the caller, access too.</summary>
public sealed class CreateDeployTokenService(DeployTokenRepository tokens)
{
    public async Task<CreatedDeployToken> ExecuteAsync(
        DeployTokenOwner owner, string name, string? username, string[] scopes, DateTime? expiresAt, User creator, CancellationToken ct)
    {
        var plain = SecretToken.Generate(DeployToken.Prefix);
        var token = await tokens.CreateAsync(owner, name, string.IsNullOrEmpty(username) ? null : username, SecretToken.Digest(plain),
            scopes.Distinct().ToArray(), expiresAt is { } e ? DeployToken.AsUtc(e) : null, creator.Id, ct);
        // 192 random bits colliding with an existing digest is not an input error: it would be a broken generator.
        return token is null ? throw new InvalidOperationException("generated token digest collided") : new CreatedDeployToken(token, plain);
    }
}
