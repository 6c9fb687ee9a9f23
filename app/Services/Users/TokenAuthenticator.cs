using System.Security.Cryptography;
using System.Text;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// Turns a presented token into its caller: one SHA-256, one indexed lookup, a constant-time digest check. A
/// personal access token brings its user (looked up together); a deploy token (gldt- prefix) is accepted only with
/// its own username as the HTTP Basic login, as GitLab's.
/// </summary>
public sealed class TokenAuthenticator(
    PersonalAccessTokenRepository tokens, DeployTokenRepository deployTokens, UserActivityService activity, InstanceSettings settings, TimeProvider clock)
{
    public async Task<AuthenticationResult> AuthenticateAsync(string token, string? basicUsername, CancellationToken ct)
    {
        var digest = SecretToken.Digest(token);
        if (token.StartsWith(DeployToken.Prefix, StringComparison.Ordinal))
            return await DeployTokenAsync(digest, basicUsername, ct);
        // The index lookup is by equality; the fixed-time compare keeps the final decision free of early exits.
        if (await tokens.FindByDigestWithUserOrNullAsync(digest, ct) is not ({ } record, { } user) || !SameDigest(record.TokenDigest, digest))
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

    private async Task<AuthenticationResult> DeployTokenAsync(string digest, string? basicUsername, CancellationToken ct)
    {
        if (basicUsername is null || await deployTokens.FindByDigestOrNullAsync(digest, ct) is not { } token
            || !SameDigest(token.TokenDigest, digest) || token.Username != basicUsername || !token.Active(clock.GetUtcNow().UtcDateTime))
            return AuthenticationResult.Invalid;
        return AuthenticationResult.ForDeployToken(token);
    }

    private static bool SameDigest(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));
}
