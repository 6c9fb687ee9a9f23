namespace GitLabLite.Initializers;

/// <summary>`GitLab:GoProxy:Ledger`: how the version ledger writes its download counts.</summary>
public sealed class LedgerOptions
{
    public const string Section = "GitLab:GoProxy:Ledger";

    /// <summary>How often counted downloads are added to Postgres (one statement for all of them).</summary>
    public int DownloadsFlushSeconds { get; set; } = 10;
}
