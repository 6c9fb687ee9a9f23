using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Golang;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// One version of one Go module of a project, as GitLab's packages_packages row would describe it. The row is not
/// stored: versions are tags, and a table synced from refs would only be a second, staler copy of them.
/// </summary>
public sealed record GoPackage(long ProjectId, ModuleSource Source, DateTime CommittedAt)
{
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
