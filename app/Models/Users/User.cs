namespace GitLabLite.Models.Users;

public sealed record User
{
    /// <summary>GitLab's user states that GitLabLite has: only active users sign in or use their tokens.</summary>
    public const string StateActive = "active";
    public const string StateBlocked = "blocked";
    public const string StateDeactivated = "deactivated";

    /// <summary>GitLab's deactivate_dormant_users_period: a user seen more recently is not dormant and cannot be deactivated.</summary>
    public const int MinimumInactiveDays = 90;

    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string EncryptedPassword { get; init; } = "";
    public bool Admin { get; init; }
    public string State { get; init; } = StateActive;
    public DateTime CreatedAt { get; init; }

    /// <summary>A UTC date; Npgsql reads `date` as DateOnly.</summary>
    public DateOnly? LastActivityOn { get; init; }

    public bool Active => State == StateActive;

    public bool Blocked => State == StateBlocked;

    public bool Deactivated => State == StateDeactivated;

    /// <summary>
    /// GitLab's UserAccessDeniedReason: why a user who is not active may not use the API or git, in GitLab's words
    /// (null for an active user).
    /// </summary>
    public string? AccessDeniedReason(string instanceUrl) => State switch
    {
        StateActive => null,
        StateDeactivated => "Your account has been deactivated by your administrator. "
            + $"Please log back in from a web browser to reactivate your account at {instanceUrl}",
        _ => "Your account has been blocked.",
    };

    /// <summary>Not seen within <see cref="MinimumInactiveDays"/> (never seen counts as dormant).</summary>
    public bool Dormant(DateTime nowUtc) => LastActivityOn is not { } seen || seen <= DateOnly.FromDateTime(nowUtc.AddDays(-MinimumInactiveDays));
}
