using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>Issues a personal access token for a user (PersonalAccessTokens::CreateService); input is validated by the caller.</summary>
public sealed class CreatePersonalAccessTokenService(PersonalAccessTokenRepository tokens, TimeProvider clock)
{
    public async Task<ServiceResponse<CreatedPersonalAccessToken>> ExecuteAsync(
        User user, string name, string[] scopes, DateOnly? expiresAt, CancellationToken ct)
    {
        var expiry = expiresAt ?? PersonalAccessToken.LatestExpiry(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var plain = PersonalAccessToken.Generate();
        var token = await tokens.CreateAsync(user.Id, name, PersonalAccessToken.Digest(plain), scopes.Distinct().ToArray(), expiry, ct);
        // 192 random bits colliding with an existing digest is not an input error: it would be a broken generator.
        return token is null
            ? throw new InvalidOperationException("generated token digest collided")
            : ServiceResponse<CreatedPersonalAccessToken>.Ok(new CreatedPersonalAccessToken(token, plain));
    }
}
