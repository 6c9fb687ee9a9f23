using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Caching;

namespace GitLabLite.Services.Users;

/// <summary>
/// Turns a presented token into its caller: one SHA-256 and a lookup by digest, answered from memory while the change
/// bus is current (a revoked, changed or deleted token, or a change to its user, drops the entry in every process
/// before the change returns), else one indexed query with a constant-time digest check. A personal access token
/// brings its user (looked up together); a deploy token (gldt- prefix) is accepted only with its own username as the
/// HTTP Basic login, as GitLab's. Expiry is checked on every request against the clock, so it needs no invalidation.
/// </summary>
public sealed class TokenAuthenticator
{
    public const int MaxCachedTokens = 100_000;

    /// <summary>GitLab throttles last_used_at writes; one a minute per token keeps hot paths off the disk.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly PersonalAccessTokenRepository _tokens;
    private readonly DeployTokenRepository _deployTokens;
    private readonly UserActivityService _activity;
    private readonly InstanceSettings _settings;
    private readonly TimeProvider _clock;
    private readonly BusCache<string, (PersonalAccessToken Token, User User)> _cache;
    private readonly BusCache<string, DeployToken> _deployCache;

    public TokenAuthenticator(
        PersonalAccessTokenRepository tokens, DeployTokenRepository deployTokens, UserActivityService activity, InstanceSettings settings,
        TimeProvider clock, ChangeBus bus)
    {
        _tokens = tokens;
        _deployTokens = deployTokens;
        _activity = activity;
        _settings = settings;
        _clock = clock;
        _cache = new(bus, MaxCachedTokens);
        _deployCache = new(bus, MaxCachedTokens);
        bus.Subscribe("token", key => { var id = long.Parse(key, CultureInfo.InvariantCulture); _cache.RemoveWhere((_, v) => v.Token.Id == id); });
        bus.Subscribe("user", key => { var id = long.Parse(key, CultureInfo.InvariantCulture); _cache.RemoveWhere((_, v) => v.User.Id == id); });
        bus.Subscribe("deploy_token", key => { var id = long.Parse(key, CultureInfo.InvariantCulture); _deployCache.RemoveWhere((_, v) => v.Id == id); });
        // A deploy token covers projects by its owner's full path, which a rename or transfer changes.
        bus.Subscribe("route", _ => _deployCache.Clear());
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string token, string? basicUsername, CancellationToken ct)
    {
        var digest = SecretToken.Digest(token);
        if (token.StartsWith(DeployToken.Prefix, StringComparison.Ordinal))
            return await DeployTokenAsync(digest, basicUsername, ct);
        var epoch = _cache.Epoch;
        if (!_cache.TryGet(digest, out var found))
        {
            // The index lookup is by equality; the fixed-time compare keeps the final decision free of early exits.
            if (await _tokens.FindByDigestWithUserOrNullAsync(digest, ct) is not ({ } record, { } owner) || !SameDigest(record.TokenDigest, digest))
                return AuthenticationResult.Invalid;
            found = (record, owner);
            _cache.Store(digest, found, epoch);
        }
        var (known, user) = found;
        var now = _clock.GetUtcNow().UtcDateTime;
        if (!known.Active(now)) return AuthenticationResult.Invalid;
        // A blocked or deactivated user's token is genuine but refused, with the reason (GitLab's API 403).
        if (user.AccessDeniedReason(_settings.BaseUrl) is { } reason) return AuthenticationResult.Denied(reason);
        if (known.LastUsedAt is not { } used || used < now - TouchEvery)
        {
            // The cached copy carries the new time (it throttles the next write); an invalidation meanwhile wins.
            known = known with { LastUsedAt = now };
            _cache.Store(digest, (known, user), epoch);
            await _tokens.TouchLastUsedAsync(known.Id, ct);
        }
        // A write once a day per user; the bus then drops the cached user, whose reloaded row says today is recorded.
        await _activity.RecordAsync(user, ct);
        return new AuthenticationResult(AuthenticationStatus.Authenticated, user, known);
    }

    private async Task<AuthenticationResult> DeployTokenAsync(string digest, string? basicUsername, CancellationToken ct)
    {
        if (basicUsername is null) return AuthenticationResult.Invalid;
        var epoch = _deployCache.Epoch;
        if (!_deployCache.TryGet(digest, out var token))
        {
            if (await _deployTokens.FindByDigestOrNullAsync(digest, ct) is not { } found || !SameDigest(found.TokenDigest, digest))
                return AuthenticationResult.Invalid;
            token = found;
            _deployCache.Store(digest, token, epoch);
        }
        return token.Username == basicUsername && token.Active(_clock.GetUtcNow().UtcDateTime)
            ? AuthenticationResult.ForDeployToken(token)
            : AuthenticationResult.Invalid;
    }

    private static bool SameDigest(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));
}
