using GitLabLite.Golang;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// A row of the version ledger (packages_go_ledger_entries): what one canonical version of one module was when it
/// was first served. Everything but <see cref="ZipH1"/>/<see cref="ZipError"/> (set once, by the first build) and the
/// download counters is written once, so a copy in memory never goes stale on what it serves.
/// </summary>
public sealed record LedgerEntry
{
    public long Id { get; init; }
    public long ProjectId { get; init; }
    public string ModulePath { get; init; } = "";
    public string Version { get; init; } = "";
    public string CommitSha { get; init; } = "";

    /// <summary>Where the module's go.mod is at the commit ("" at the root; "v2" for a major-version subdirectory).</summary>
    public string ModuleDir { get; init; } = "";

    /// <summary>The tag the version came from (e.g. v1.0.0 or sub/v1.0.0); null for pseudo-versions.</summary>
    public string? TagName { get; init; }

    /// <summary>The commit's committer time: the .info Time.</summary>
    public DateTime CommittedAt { get; init; }

    public string GoModH1 { get; init; } = "";
    public string? ZipH1 { get; init; }

    /// <summary>Why the version has no zip (the zip rules refused its files); such a build is never tried again.</summary>
    public string? ZipError { get; init; }

    public long DownloadCount { get; init; }
    public DateTime? LastDownloadedAt { get; init; }

    /// <summary>When the version was first served.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>What the .zip is built from.</summary>
    public ModuleSource Source => new(ModulePath, Version, CommitSha, ModuleDir);

    /// <summary>The .info answer.</summary>
    public RevInfo Info => new(Version, CommittedAt, CommitSha, TagName is null ? null : $"refs/tags/{TagName}");

    /// <summary>The hash a client's go.sum holds for this version: the zip's once built, else the go.mod's.</summary>
    public string PromisedH1 => ZipH1 ?? GoModH1;
}
