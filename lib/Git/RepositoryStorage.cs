using LibGit2Sharp;

namespace GitLabLite.Git;

/// <summary>
/// Bare repositories on disk at &lt;root&gt;/&lt;full_path&gt;.git. Every path is resolved and checked to stay inside the
/// root, so a crafted full path can never reach outside it.
/// </summary>
public sealed class RepositoryStorage(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string PathFor(string fullPath)
    {
        var candidate = Path.GetFullPath(Path.Combine(Root, fullPath + ".git"));
        if (!candidate.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"repository path escapes storage: {fullPath}", nameof(fullPath));
        return candidate;
    }

    public bool Exists(string fullPath) => Directory.Exists(PathFor(fullPath));

    /// <summary>Creates an empty bare repository whose HEAD points at <paramref name="defaultBranch"/>.</summary>
    public string CreateBare(string fullPath, string defaultBranch)
    {
        var path = PathFor(fullPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Repository.Init(path, isBare: true);
        BareRepository.SetHead(path, defaultBranch);
        return path;
    }

    /// <summary>Removes the repository; moving it aside first keeps a half-deleted tree from looking like a repository.</summary>
    public void Delete(string fullPath)
    {
        var path = PathFor(fullPath);
        if (!Directory.Exists(path)) return;
        var trash = $"{path}.deleted-{Guid.NewGuid():N}";
        Directory.Move(path, trash);
        Directory.Delete(trash, recursive: true);
    }

    /// <summary>Moves a repository when its project's path changes.</summary>
    public void Move(string fromFullPath, string toFullPath)
    {
        var from = PathFor(fromFullPath);
        if (!Directory.Exists(from)) return;
        var to = PathFor(toFullPath);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        Directory.Move(from, to);
    }
}
