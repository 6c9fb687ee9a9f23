namespace GitLabLite.Models.Users;

public sealed record PersonalAccessToken
{
    public const string Prefix = "glpat-";

    /// <summary>GitLab's maximum lifetime (PersonalAccessToken::MAX_PERSONAL_ACCESS_TOKEN_LIFETIME_IN_DAYS).</summary>
    public const int MaxLifetimeDays = 365;

    public long Id { get; init; }
    public long UserId { get; init; }
    public string Name { get; init; } = "";
    public string TokenDigest { get; init; } = "";
    public string[] Scopes { get; init; } = [];
    /// <summary>A date (UTC): the token stops working at the start of that day, as GitLab's. Npgsql reads `date` as DateOnly.</summary>
    public DateOnly? ExpiresAt { get; init; }
    public bool Revoked { get; init; }
    public DateTime? LastUsedAt { get; init; }
    public DateTime CreatedAt { get; init; }

    public bool Expired(DateTime nowUtc) => ExpiresAt is { } e && e <= DateOnly.FromDateTime(nowUtc);

    public bool Active(DateTime nowUtc) => !Revoked && !Expired(nowUtc);

    /// <summary>The last expiry date a token created on <paramref name="today"/> may have; also the default when none is given.</summary>
    public static DateOnly LatestExpiry(DateOnly today) => today.AddDays(MaxLifetimeDays);

    /// <summary>Its owner and admins may see and revoke a token; to anyone else it does not exist.</summary>
    public bool ManageableBy(User user) => UserId == user.Id || user.Admin;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>glpat- plus 32 URL-safe characters (24 random bytes); only its digest is ever stored.</summary>
    public static string Generate() => SecretToken.Generate(Prefix);

    public static string Digest(string token) => SecretToken.Digest(token);
}
