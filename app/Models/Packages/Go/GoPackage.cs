using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Golang;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// One version of one Go module of a project, as GitLab's packages_packages row would describe it. The row is not
/// stored: versions are tags, and a table synced from refs would only be a second, staler copy of them. A version
/// served before is described as the version ledger recorded it (what the proxy serves), whatever its tag does since.
/// </summary>
public sealed record GoPackage(long ProjectId, ModuleSource Source, DateTime CommittedAt)
{
    /// <summary>The version as recorded on its first serve, with its download counts; null when never served.</summary>
    public LedgerEntry? Served { get; init; }

    /// <summary>The commit the served version's tag points at now; null when the tag is gone (or it had none).</summary>
    public string? TagCommit { get; init; }

    /// <summary>The served version's tag was moved or deleted since: building from the tag no longer gives these bytes.</summary>
    public bool TagMoved => Served?.TagName is not null && TagCommit != Served.CommitSha;

    /// <summary>A served version, with where its tag points in <paramref name="refs"/>.</summary>
    public static GoPackage Of(LedgerEntry served, GitRefSnapshot? refs) => new(served.ProjectId, served.Source, served.CommittedAt)
    {
        Served = served,
        TagCommit = served.TagName is { } tag ? refs?.FindTag(tag)?.CommitId : null,
    };

    public string ModulePath => Source.ModulePath;

    public string Version => Source.Version;

    /// <summary>
    /// A stable id without a table: the first 53 bits of SHA-256 over project id, module path and version, so it
    /// survives restarts and re-pushes of the same tag, fits a JavaScript number, and differs between projects that
    /// serve the same module path. A rename changes the module path and so, honestly, the id.
    /// </summary>
    public long Id => IdFor(ProjectId, ModulePath, Version);

    public static long IdFor(long projectId, string modulePath, string version)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}\n{modulePath}\n{version}"));
        var id = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & ((1UL << 53) - 1));
        return id == 0 ? 1 : id;
    }
}
