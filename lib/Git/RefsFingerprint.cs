using System.Text;

namespace GitLabLite.Git;

/// <summary>
/// A cheap summary of a bare repository's refs state from file metadata only: HEAD and packed-refs (size and mtime), and the mtime of every directory under refs/heads and refs/tags. Git writes loose refs by
/// lock file + rename and rewrites packed-refs the same way, so any ref created, moved or deleted - by a push, an
/// import or another process - changes a directory's or packed-refs' times. Costs a few stat calls; no file is read.
/// </summary>
public static class RefsFingerprint
{
    /// <summary>The fingerprint, or null when <paramref name="repositoryPath"/> is not a repository.</summary>
    public static string? Compute(string repositoryPath)
    {
        var head = new FileInfo(Path.Combine(repositoryPath, "HEAD"));
        if (!head.Exists) return null;
        var sb = new StringBuilder(256);
        Append(sb, head);
        Append(sb, new FileInfo(Path.Combine(repositoryPath, "packed-refs")));
        foreach (var dir in new[] { "refs/heads", "refs/tags" })
            AppendTree(sb, new DirectoryInfo(Path.Combine(repositoryPath, dir)));
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, FileInfo file)
    {
        if (!file.Exists) { sb.Append("-;"); return; }
        sb.Append(file.Length).Append(':').Append(file.LastWriteTimeUtc.Ticks).Append(';');
    }

    private static void AppendTree(StringBuilder sb, DirectoryInfo dir)
    {
        if (!dir.Exists) { sb.Append("-;"); return; }
        sb.Append(dir.Name).Append(':').Append(dir.LastWriteTimeUtc.Ticks).Append(';');
        foreach (var child in dir.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
            AppendTree(sb, child);
    }
}
