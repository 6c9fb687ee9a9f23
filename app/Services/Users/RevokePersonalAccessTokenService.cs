using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>Revokes a token (PersonalAccessTokens::RevokeService): its owner or an admin may; it stops working at once.</summary>
public sealed class RevokePersonalAccessTokenService(PersonalAccessTokenRepository tokens)
{
    public async Task<ServiceResponse<PersonalAccessToken>> ExecuteAsync(User actor, long tokenId, CancellationToken ct)
    {
        var token = await tokens.FindOrNullAsync(tokenId, ct);
        // Someone else's token is answered exactly as a missing one, so ids of other users' tokens leak nothing.
        if (token is null || !token.ManageableBy(actor))
            return ServiceResponse<PersonalAccessToken>.Error("404 Not Found", ServiceErrorReason.NotFound);
        // Revoking twice is harmless: the token is revoked either way.
        await tokens.RevokeAsync(token.Id, ct);
        return ServiceResponse<PersonalAccessToken>.Ok(token with { Revoked = true });
    }
}
