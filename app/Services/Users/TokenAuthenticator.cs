using System.Security.Cryptography;
using System.Text;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>Turns a presented token into its user: one SHA-256, one indexed lookup (token and user together), a constant-time digest check.</summary>
public sealed class TokenAuthenticator(PersonalAccessTokenRepository tokens, UserActivityService activity, InstanceSettings settings, TimeProvider clock)
{
    public async Task<AuthenticationResult> AuthenticateAsync(string token, CancellationToken ct)
    {
        var digest = PersonalAccessToken.Digest(token);
        // The index lookup is by equality; the fixed-time compare keeps the final decision free of early exits.
        if (await tokens.FindByDigestWithUserOrNullAsync(digest, ct) is not ({ } record, { } user)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.TokenDigest), Encoding.ASCII.GetBytes(digest)))
            return AuthenticationResult.Invalid;
        if (!record.Active(clock.GetUtcNow().UtcDateTime))
            return AuthenticationResult.Invalid;
        // A blocked or deactivated user's token is genuine but refused, with the reason (GitLab's API 403).
        if (user.AccessDeniedReason(settings.BaseUrl) is { } reason)
            return AuthenticationResult.Denied(reason);
        // The UPDATE is throttled to once a minute anyway; skipping the round trip keeps authenticated reads read-only.
        if (record.LastUsedAt is not { } used || used < clock.GetUtcNow().UtcDateTime.AddMinutes(-1))
            await tokens.TouchLastUsedAsync(record.Id, ct);
        await activity.RecordAsync(user, ct);
        return new AuthenticationResult(AuthenticationStatus.Authenticated, user, record);
    }
}
