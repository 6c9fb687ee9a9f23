using LibGit2Sharp;

namespace GitLabLite.Git;

/// <summary>
/// Read-only view of a bare repository: refs, commits, trees and blobs. Holds a libgit2 handle, so dispose it;
/// not thread-safe (open one per request). Nothing here touches a working tree or writes to the repository.
/// </summary>
public sealed class GitRepositoryReader : IGitObjects, IDisposable
{
    private const string HeadsPrefix = "refs/heads/";

    private readonly Repository _repo;

    private GitRepositoryReader(Repository repo) => _repo = repo;

    /// <summary>The reader, or null when <paramref name="path"/> is not a git repository.</summary>
    public static GitRepositoryReader? OpenOrNull(string path) =>
        Directory.Exists(path) && Repository.IsValid(path) ? new GitRepositoryReader(new Repository(path)) : null;

    /// <summary>The branch HEAD names, whether or not it exists yet (a fresh repository's HEAD is unborn).</summary>
    public string? HeadBranch =>
        _repo.Refs.Head is SymbolicReference { TargetIdentifier: var target } && target.StartsWith(HeadsPrefix, StringComparison.Ordinal)
            ? target[HeadsPrefix.Length..]
            : null;

    /// <summary>The default branch: HEAD's target when that branch exists, else null.</summary>
    public string? DefaultBranch => HeadBranch is { } name && _repo.Refs[HeadsPrefix + name] is not null ? name : null;

    /// <summary>Tags that resolve to a commit (tags of trees or blobs are skipped), in refname order.</summary>
    public IReadOnlyList<GitTag> ListTags() => _repo.Tags.Select(ToTagOrNull).OfType<GitTag>().ToList();

    public GitTag? FindTag(string name) => _repo.Tags[name] is { } tag ? ToTagOrNull(tag) : null;

    public IReadOnlyList<GitBranch> ListBranches() =>
        _repo.Branches.Where(b => !b.IsRemote && b.Tip is not null).Select(b => new GitBranch(b.FriendlyName, ToCommit(b.Tip))).ToList();

    public GitBranch? FindBranch(string name) =>
        _repo.Branches[HeadsPrefix + name] is { IsRemote: false, Tip: { } tip } ? new GitBranch(name, ToCommit(tip)) : null;

    /// <summary>A commit by full or abbreviated (4+ hex digits, unambiguous) id; never evaluates revision syntax.</summary>
    public GitCommitInfo? FindCommit(string id) => LookupCommit(id) is { } commit ? ToCommit(commit) : null;

    /// <summary>The content of the file at <paramref name="path"/> in the commit, or null when there is no such blob.</summary>
    public byte[]? ReadBlob(string commitId, string path)
    {
        if (LookupCommit(commitId)?[path.Trim('/')] is not { TargetType: TreeEntryTargetType.Blob, Target: Blob blob }) return null;
        using var content = blob.GetContentStream();
        using var buffer = new MemoryStream((int)Math.Min(blob.Size, int.MaxValue));
        content.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Every file, symlink and submodule below <paramref name="subdirectory"/> of the commit's tree, depth first in
    /// git's tree order, read lazily one tree at a time. Sizes come from object headers, so blobs are not loaded.
    /// Empty when the commit or the directory does not exist.
    /// </summary>
    public IEnumerable<GitTreeEntry> EnumerateTree(string commitId, string subdirectory = "")
    {
        var commit = LookupCommit(commitId);
        if (commit is null) yield break;
        var dir = subdirectory.Trim('/');
        var root = dir.Length == 0 ? commit.Tree : commit[dir]?.Target as Tree;
        if (root is null) yield break;
        var pending = new Stack<(string Prefix, IEnumerator<TreeEntry> Entries)>();
        pending.Push((dir.Length == 0 ? "" : dir + "/", root.GetEnumerator()));
        try
        {
            while (pending.Count > 0)
            {
                var (prefix, entries) = pending.Peek();
                if (!entries.MoveNext())
                {
                    pending.Pop().Entries.Dispose();
                    continue;
                }
                var entry = entries.Current;
                var path = prefix + entry.Name;
                switch (entry.Mode)
                {
                    case Mode.Directory:
                        pending.Push((path + "/", ((Tree)entry.Target).GetEnumerator()));
                        break;
                    case Mode.GitLink:
                        yield return new GitTreeEntry(path, GitTreeEntryKind.Submodule, 0, entry.Target.Sha);
                        break;
                    default:
                        yield return new GitTreeEntry(path, KindOf(entry.Mode), _repo.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size, entry.Target.Sha);
                        break;
                }
            }
        }
        finally
        {
            while (pending.Count > 0) pending.Pop().Entries.Dispose();
        }
    }

    /// <summary>
    /// The refs the go command sees (tags and branches peeled to commits, and HEAD), without loading commit objects
    /// beyond peeling annotated tags.
    /// </summary>
    public GitRefSnapshot ReadRefs()
    {
        var tags = new List<GitRef>();
        foreach (var tag in _repo.Tags)
            if (tag.PeeledTarget is Commit commit) tags.Add(new GitRef(tag.FriendlyName, commit.Sha));
        var branches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in _repo.Refs.FromGlob(HeadsPrefix + "*"))
            if (reference.ResolveToDirectReference()?.Target is Commit commit) branches[reference.CanonicalName[HeadsPrefix.Length..]] = commit.Sha;
        var head = _repo.Refs.Head?.ResolveToDirectReference()?.Target as Commit;
        return new GitRefSnapshot(tags, branches, head?.Sha);
    }

    /// <summary>The blob at <paramref name="path"/> in the commit (a symlink's blob holds its target), or null.</summary>
    public GitBlobRef? FindBlob(string commitId, string path) =>
        LookupCommit(commitId)?[path.Trim('/')] is { TargetType: TreeEntryTargetType.Blob, Target: Blob blob }
            ? new GitBlobRef(blob.Sha, _repo.ObjectDatabase.RetrieveObjectMetadata(blob.Id).Size)
            : null;

    /// <summary>The full id of the only commit whose id starts with <paramref name="prefix"/>; null when none or ambiguous.</summary>
    public string? ResolveCommitPrefix(string prefix) => LookupCommit(prefix)?.Sha;

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors (git merge-base --is-ancestor).</summary>
    public bool IsAncestor(string ancestor, string descendant)
    {
        if (ancestor == descendant) return true;
        if (LookupCommit(ancestor) is not { } a || LookupCommit(descendant) is not { } d) return false;
        return _repo.ObjectDatabase.FindMergeBase(a, d)?.Sha == a.Sha;
    }

    /// <summary>Whether the commit can be reached from any of <paramref name="tips"/> (the go command fetches only those refs).</summary>
    public bool IsReachable(string commitId, IEnumerable<string> tips) => tips.Any(tip => IsAncestor(commitId, tip));

    public void Dispose() => _repo.Dispose();

    private static GitTreeEntryKind KindOf(Mode mode) => mode switch
    {
        Mode.ExecutableFile => GitTreeEntryKind.Executable,
        Mode.SymbolicLink => GitTreeEntryKind.Symlink,
        _ => GitTreeEntryKind.Regular,
    };

    private Commit? LookupCommit(string id)
    {
        if (id.Length is < 4 or > 40 || !id.All(char.IsAsciiHexDigit)) return null;
        try
        {
            return _repo.Lookup<Commit>(id);
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
    }

    private static GitTag? ToTagOrNull(Tag tag)
    {
        if (tag.PeeledTarget is not Commit commit) return null;
        var annotation = tag.Annotation;
        return new GitTag(tag.FriendlyName, annotation?.Sha ?? commit.Sha, ToCommit(commit), annotation?.Message, annotation?.Tagger is { } t ? ToSignature(t) : null);
    }

    private static GitCommitInfo ToCommit(Commit commit) =>
        new(commit.Sha, commit.Parents.Select(p => p.Sha).ToList(), commit.Message, ToSignature(commit.Author), ToSignature(commit.Committer));

    private static GitSignature ToSignature(Signature signature) => new(signature.Name, signature.Email, signature.When);
}
