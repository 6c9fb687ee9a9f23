namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:Sessions`: how long a web session lives. Idle: since its last request (GitLab's session_expire_delay,
/// one week by default). Absolute: since sign-in, however active, after which the user signs in again.
/// </summary>
public sealed class UserSessionOptions
{
    public const string Section = "GitLab:Sessions";

    public int IdleMinutes { get; set; } = 7 * 24 * 60;

    public int AbsoluteMinutes { get; set; } = 30 * 24 * 60;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan Absolute => TimeSpan.FromMinutes(AbsoluteMinutes);
}
