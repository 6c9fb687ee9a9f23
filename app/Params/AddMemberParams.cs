namespace GitLabLite.Params;

public sealed record AddMemberParams
{
    public long? UserId { get; init; }
    public int? AccessLevel { get; init; }

    /// <summary>A date, yyyy-MM-dd, as GitLab takes it.</summary>
    public string? ExpiresAt { get; init; }

    public DateOnly? ExpiresOn => MemberRules.ParseDate(ExpiresAt);
}
