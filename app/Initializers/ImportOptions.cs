namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:Import`: limits of repository imports (POST /projects with import_url), which run in the background. The
/// check of the source before the project is created waits at most ProbeTimeoutSeconds; a running import is stopped
/// after TimeoutMinutes, when nothing arrives for StallSeconds, or when the repository outgrows MaxRepositoryBytes.
/// At most MaxConcurrent imports run at once per process; up to MaxQueued wait their turn, beyond that creating an
/// imported project answers 503.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "GitLab:Import";

    public int ProbeTimeoutSeconds { get; set; } = 15;

    public int TimeoutMinutes { get; set; } = 15;

    public int StallSeconds { get; set; } = 120;

    /// <summary>5 GiB, GitLab.com's import size limit.</summary>
    public long MaxRepositoryBytes { get; set; } = 5L << 30;

    public int MaxConcurrent { get; set; } = 2;

    public int MaxQueued { get; set; } = 100;
}
