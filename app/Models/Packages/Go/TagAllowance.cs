namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// An Owner's (or admin's) permission to move or delete one served tag (packages_go_tag_allowances): good for the
/// first push that changes the tag, until it expires or is revoked.
/// </summary>
public sealed record TagAllowance
{
    /// <summary>How long an unused allowance lasts: long enough to fix and push, short enough not to linger.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public long Id { get; init; }
    public long ProjectId { get; init; }
    public string TagName { get; init; } = "";
    public long? UserId { get; init; }

    /// <summary>The allowing user's username (joined; null once the user is deleted).</summary>
    public string? Username { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; init; }
    public DateTime? RevokedAt { get; init; }

    public bool IsActive(DateTime now) => UsedAt is null && RevokedAt is null && ExpiresAt > now;
}
