namespace GitLabLite.Params;

public sealed record AddMemberParams
{
    public long? UserId { get; init; }
    public int? AccessLevel { get; init; }

    /// <summary>A date, yyyy-MM-dd, as GitLab takes it.</summary>
    public string? ExpiresAt { get; init; }

    public DateOnly? ExpiresOn => DateOnly.TryParseExact(ExpiresAt, "yyyy-MM-dd", out var date) ? date : null;
}
