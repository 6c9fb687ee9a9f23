using LibGit2Sharp;

namespace GitLabLite.Git;

/// <summary>Small reads and writes on a bare repository that project management needs (no working tree anywhere).</summary>
public static class BareRepository
{
    /// <summary>
    /// The one definition of an empty repository, GitLab's empty_repo (!has_visible_content?): none on disk, or one
    /// without a single branch. Tags alone do not count.
    /// </summary>
    public static bool IsEmpty(string path)
    {
        if (!Repository.IsValid(path)) return true;
        // Project answers ask this. libgit2 lists every ref name before the first (~14 ms for 10,000 tags); a loose
        // branch is a file under refs/heads, a packed one a "<sha> refs/heads/..." line (deleting a ref rewrites the
        // file without it).
        var heads = Path.Combine(path, "refs", "heads");
        if (Directory.Exists(heads) && Directory.EnumerateFiles(heads, "*", SearchOption.AllDirectories).Any()) return false;
        return !HasPackedBranch(path);
    }

    private static bool HasPackedBranch(string path)
    {
        try
        {
            using var reader = new StreamReader(Path.Combine(path, "packed-refs"));
            while (reader.ReadLine() is { } line)
                if (line.Length > 0 && line[0] is not ('#' or '^') && line.IndexOf(' ') is >= 0 and var space
                    && line.AsSpan(space + 1).StartsWith("refs/heads/", StringComparison.Ordinal)) return true;
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>git check-ref-format rules for refs/heads/&lt;name&gt;.</summary>
    public static bool IsValidBranchName(string name) =>
        name.Length is > 0 and <= 255 && !name.StartsWith('-') && Reference.IsValidName($"refs/heads/{name}");

    /// <summary>git check-ref-format rules for refs/tags/&lt;name&gt;.</summary>
    public static bool IsValidTagName(string name) => name.Length is > 0 and <= 255 && Reference.IsValidName($"refs/tags/{name}");

    /// <summary>The commit the tag points at (through annotations), or null when there is no such tag.</summary>
    public static string? TagCommitOrNull(string path, string tagName)
    {
        using var repo = new Repository(path);
        return repo.Tags[tagName]?.PeeledTarget is Commit commit ? commit.Sha : null;
    }

    public static bool BranchExists(string path, string branch)
    {
        if (!Repository.IsValid(path)) return false;
        using var repo = new Repository(path);
        return repo.Branches[branch] is not null;
    }

    /// <summary>Points HEAD at the branch (the one place that does): what git clients check out by default.</summary>
    public static void SetHead(string path, string branch)
    {
        using var repo = new Repository(path);
        repo.Refs.UpdateTarget("HEAD", $"refs/heads/{branch}");
    }

    /// <summary>The branch HEAD names, or null when HEAD is detached or dangling (an empty clone).</summary>
    public static string? HeadBranch(string path)
    {
        using var repo = new Repository(path);
        return repo.Refs.Head is SymbolicReference { TargetIdentifier: var target } && target.StartsWith("refs/heads/", StringComparison.Ordinal)
            && repo.Refs[target] is not null
            ? target["refs/heads/".Length..]
            : null;
    }

    /// <summary>
    /// GitLab's refs/keep-around/&lt;sha&gt;: a ref no client sees (the git HTTP endpoint hides the namespace) that keeps
    /// a commit and its history from `git gc`, whatever happens to the branches and tags that led to it.
    /// </summary>
    public static void KeepAround(string path, string commitId)
    {
        var name = $"refs/keep-around/{commitId}";
        using var repo = new Repository(path);
        if (repo.Refs[name] is not null) return;
        try
        {
            repo.Refs.Add(name, new ObjectId(commitId));
        }
        catch (Exception e) when (e is NameConflictException or LockedFileException)
        {
            // Another request or process wrote the same ref just now.
            if (repo.Refs[name] is null) throw;
        }
    }

    /// <summary>
    /// Writes a root commit holding one file straight into the object database and points the branch at it, as
    /// GitLab's "Initialize repository with a README" does.
    /// </summary>
    public static void WriteInitialCommit(string path, string branch, string fileName, string content, string authorName, string authorEmail, DateTimeOffset when)
    {
        var commit = WriteCommit(path, new Dictionary<string, byte[]> { [fileName] = System.Text.Encoding.UTF8.GetBytes(content) }, null,
            "Initial commit", new GitSignature(authorName, authorEmail, when));
        AddRefIfMissing(path, $"refs/heads/{branch}", commit);
        SetHead(path, branch);
    }

    /// <summary>
    /// Writes a commit whose tree holds exactly <paramref name="files"/> ('/'-separated paths, regular files) on top of
    /// <paramref name="parentId"/>, without moving any ref, and returns its id. The same files, parent, message and
    /// signature always give the same id.
    /// </summary>
    public static string WriteCommit(string path, IReadOnlyDictionary<string, byte[]> files, string? parentId, string message, GitSignature author)
    {
        using var repo = new Repository(path);
        var tree = new TreeDefinition();
        foreach (var (name, bytes) in files)
            tree.Add(name, repo.ObjectDatabase.CreateBlob(new MemoryStream(bytes)), Mode.NonExecutableFile);
        var signature = new Signature(author.Name, author.Email, author.When);
        Commit[] parents = parentId is null ? [] : [repo.Lookup<Commit>(parentId) ?? throw new ArgumentException($"no commit {parentId}", nameof(parentId))];
        return repo.ObjectDatabase.CreateCommit(signature, signature, message, repo.ObjectDatabase.CreateTree(tree), parents, prettifyMessage: true).Sha;
    }

    /// <summary>Creates the ref (refs/heads/..., refs/tags/... as a lightweight tag) at the commit unless a ref of that name exists.</summary>
    public static bool AddRefIfMissing(string path, string name, string commitId)
    {
        using var repo = new Repository(path);
        if (repo.Refs[name] is not null) return false;
        repo.Refs.Add(name, new ObjectId(commitId));
        return true;
    }
}
