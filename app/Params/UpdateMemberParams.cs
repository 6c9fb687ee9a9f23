namespace GitLabLite.Params;

/// <summary>PUT /projects/:id/members/:user_id and /groups/:id/members/:user_id.</summary>
public sealed record UpdateMemberParams
{
    public int? AccessLevel { get; init; }

    /// <summary>Absent: the expiry stays; empty: the membership no longer expires; else a date, yyyy-MM-dd.</summary>
    public string? ExpiresAt { get; init; }
}
