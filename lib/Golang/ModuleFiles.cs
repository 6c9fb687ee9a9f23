using System.Text.RegularExpressions;
using GitLabLite.Git;

namespace GitLabLite.Golang;

/// <summary>
/// The files direct mode would put into a module zip (coderepo.go codeRepo.Zip over `git archive`): every entry
/// below the module directory at the commit (symlinks and submodules kept as such for the zip rules to omit),
/// plus the repository root's LICENSE for sub-directory modules (§6.4).
/// </summary>
public static partial class ModuleFiles
{
    // Attributes that make `git archive` rewrite content (§6.5); a tree without them archives blobs verbatim.
    [GeneratedRegex(@"(^|\s)[-!]?(eol|crlf|ident|working-tree-encoding|filter)\b|^\s*\[attr\]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ConvertingAttribute();

    /// <summary>
    /// The entries, their contents opened lazily by blob id through <paramref name="openBlob"/>; null when a
    /// .gitattributes rewrites content, in which case the caller must take the files from `git archive`
    /// (<see cref="GitArchive"/>) instead.
    /// </summary>
    public static IReadOnlyList<ModuleFileEntry>? FromObjects(GitRepositoryReader git, ModuleSource source, Func<string, Stream> openBlob)
    {
        var prefix = source.Subdir.Length == 0 ? "" : source.Subdir + "/";
        if (AncestorAttributeFiles(source.Subdir).Any(p => Converts(git.ReadBlob(source.Commit, p))))
            return null;
        var files = new List<ModuleFileEntry>();
        foreach (var entry in git.EnumerateTree(source.Commit, source.Subdir))
        {
            var path = entry.Path[prefix.Length..];
            if (path == ".gitattributes" || path.EndsWith("/.gitattributes", StringComparison.Ordinal))
                if (Converts(git.ReadBlob(source.Commit, entry.Path))) return null;
            // git archive writes a submodule as an empty directory, which the go command skips entirely.
            if (entry.Kind == GitTreeEntryKind.Submodule) continue;
            files.Add(entry.Kind == GitTreeEntryKind.Symlink
                ? ModuleFileEntry.Symlink(path)
                : Blob(path, entry.Size, entry.ObjectId, openBlob));
        }
        AddRootLicense(git, source, files, openBlob);
        return files;
    }

    /// <summary>The entries as `git archive` rendered them, for trees whose attributes rewrite content.</summary>
    public static IReadOnlyList<ModuleFileEntry> FromArchive(GitRepositoryReader git, ModuleSource source, GitArchive archive, Func<string, Stream> openBlob)
    {
        var files = archive.Entries.Select(e => e.Symlink
            ? ModuleFileEntry.Symlink(e.Path)
            : new ModuleFileEntry(e.Path, e.Size, ModuleFileKind.Regular, () => File.OpenRead(e.LocalPath))).ToList();
        AddRootLicense(git, source, files, openBlob);
        return files;
    }

    /// <summary>
    /// The root LICENSE, raw (cat-file, no attribute conversion), when a sub-directory module lacks one. Read lazily:
    /// cat-file has no size limit, so an oversized LICENSE is copied and then refused by the zip rules, as in Go.
    /// </summary>
    private static void AddRootLicense(GitRepositoryReader git, ModuleSource source, List<ModuleFileEntry> files, Func<string, Stream> openBlob)
    {
        if (!ModuleZipRules.NeedsRootLicenseCopy(source.Subdir, files)) return;
        if (git.FindBlob(source.Commit, "LICENSE") is not { } license) return;
        files.Add(Blob("LICENSE", license.Size, license.Id, openBlob));
    }

    private static ModuleFileEntry Blob(string path, long size, string blobId, Func<string, Stream> openBlob) =>
        new(path, size, ModuleFileKind.Regular, () => openBlob(blobId)) { BlobId = blobId };

    private static bool Converts(byte[]? attributes) =>
        attributes is not null && ConvertingAttribute().IsMatch(System.Text.Encoding.UTF8.GetString(attributes));

    /// <summary>.gitattributes files above the module directory apply to it too: the root's and each parent's.</summary>
    private static IEnumerable<string> AncestorAttributeFiles(string subdir)
    {
        if (subdir.Length == 0) yield break;
        yield return ".gitattributes";
        var parts = subdir.Split('/');
        for (var i = 1; i < parts.Length; i++)
            yield return string.Join('/', parts[..i]) + "/.gitattributes";
    }
}
