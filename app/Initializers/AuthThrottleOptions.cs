namespace GitLabLite.Initializers;

/// <summary>`GitLab:AuthThrottle`: how many invalid credentials one client address may present per window.</summary>
public sealed class AuthThrottleOptions
{
    public const string Section = "GitLab:AuthThrottle";

    public int MaxFailures { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}
