namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:GoProxy:ZipBuilds`: how much of the machine cold module zips may take at once. A build past the limits
/// waits up to <see cref="QueueSeconds"/> for its turn (at most <see cref="MaxQueued"/> wait), then the request gets
/// 503 with Retry-After instead of piling up CPU, memory and temporary disk.
/// </summary>
public sealed class ZipBuildOptions
{
    public const string Section = "GitLab:GoProxy:ZipBuilds";

    /// <summary>Zip builds running at once (each already deflates on several threads).</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Builds waiting for a slot; one more is refused at once.</summary>
    public int MaxQueued { get; set; } = 64;

    /// <summary>How long a build waits for a slot or for temporary disk before its requests get 503.</summary>
    public int QueueSeconds { get; set; } = 30;

    /// <summary>
    /// Temporary disk for `git archive` extractions (trees whose .gitattributes rewrite content), across all builds.
    /// Twice x/mod/zip's 500 MiB limit by default, so two of the largest valid modules can be extracted at once.
    /// </summary>
    public long ArchiveTempMaxBytes { get; set; } = 1L << 30;

    /// <summary>What a refused request is told to wait (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 10;
}
