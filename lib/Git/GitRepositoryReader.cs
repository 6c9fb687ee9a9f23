using System.Diagnostics;
using LibGit2Sharp;

namespace GitLabLite.Git;

/// <summary>
/// Read-only view of a bare repository: refs, commits, trees and blobs. Holds a libgit2 handle, so dispose it;
/// not thread-safe (open one per request). Nothing here touches a working tree or writes to the repository.
/// </summary>
public sealed class GitRepositoryReader : IGitObjects, IDisposable
{
    private const string HeadsPrefix = "refs/heads/";
    private const string TagsPrefix = "refs/tags/";

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

    /// <summary>The tag, or null when there is none (including names git could never store: libgit2 throws on those).</summary>
    public GitTag? FindTag(string name) => Reference.IsValidName(TagsPrefix + name) && _repo.Tags[TagsPrefix + name] is { } tag ? ToTagOrNull(tag) : null;

    public IReadOnlyList<GitBranch> ListBranches() =>
        _repo.Branches.Where(b => !b.IsRemote && b.Tip is not null).Select(b => new GitBranch(b.FriendlyName, ToCommit(b.Tip))).ToList();

    /// <summary>The branch, or null when there is none (including names git could never store).</summary>
    public GitBranch? FindBranch(string name) =>
        Reference.IsValidName(HeadsPrefix + name) && _repo.Branches[HeadsPrefix + name] is { IsRemote: false, Tip: { } tip } ? new GitBranch(name, ToCommit(tip)) : null;

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
    /// git's tree order, with blob sizes, streamed from one `git ls-tree -r -l`: libgit2 read each blob's header on
    /// this thread (~15 µs a file, most of a 50,000-file listing), git lists the whole tree in a fraction of that
    /// on another core. Empty when the commit or the directory does not exist.
    /// </summary>
    public IEnumerable<GitTreeEntry> EnumerateTree(string commitId, string subdirectory = "")
    {
        if (LookupCommit(commitId)?.Sha is not { } commit) yield break;
        var dir = subdirectory.Trim('/');
        var prefix = dir.Length == 0 ? "" : dir + "/";
        // <commit>:<dir> names the directory's tree without pathspec matching, so no name is read as a pattern.
        var start = GitProcess.StartInfo(["--git-dir", _repo.Info.Path, "ls-tree", "-r", "-l", "-z", dir.Length == 0 ? commit : $"{commit}:{dir}"]);
        using var process = Process.Start(start) ?? throw new IOException("git could not be started");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        var record = new List<byte>(256);
        var finished = false;
        try
        {
            while (ReadRecord(output, record))
            {
                var entry = ParseTreeRecord(record, prefix) ?? throw new IOException($"git ls-tree printed an unexpected line for {commitId}");
                yield return entry;
            }
            process.WaitForExit();
            finished = true;
            // Exit 128 with nothing listed: the directory is not there (or is not a tree), which lists nothing.
            if (process.ExitCode != 0 && process.ExitCode != 128) throw new IOException($"git ls-tree failed ({process.ExitCode}): {stderr.Result.Trim()}");
        }
        finally
        {
            if (!finished && !process.HasExited) process.Kill();
        }
    }

    private static bool ReadRecord(Stream output, List<byte> record)
    {
        record.Clear();
        int b;
        while ((b = output.ReadByte()) > 0) record.Add((byte)b);
        return b == 0 || record.Count > 0;
    }

    /// <summary>"&lt;mode&gt; &lt;type&gt; &lt;id&gt; &lt;size or -&gt;\t&lt;path&gt;" as ls-tree -l -z prints it.</summary>
    private static GitTreeEntry? ParseTreeRecord(List<byte> record, string prefix)
    {
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(record);
        var tab = bytes.IndexOf((byte)'\t');
        if (tab < 0) return null;
        var fields = System.Text.Encoding.ASCII.GetString(bytes[..tab]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not [var mode, _, var id, var size]) return null;
        var path = prefix + System.Text.Encoding.UTF8.GetString(bytes[(tab + 1)..]);
        return mode switch
        {
            "160000" => new GitTreeEntry(path, GitTreeEntryKind.Submodule, 0, id),
            "120000" => new GitTreeEntry(path, GitTreeEntryKind.Symlink, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture), id),
            "100755" => new GitTreeEntry(path, GitTreeEntryKind.Executable, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture), id),
            _ => new GitTreeEntry(path, GitTreeEntryKind.Regular, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture), id),
        };
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

    /// <summary>
    /// What the object <paramref name="id"/> stands for as a ref's target (see <see cref="GitPeel"/>), reading only its
    /// header unless it is a tag; null when there is no such object (it may still arrive, so the answer is not final).
    /// </summary>
    public GitPeel? Peel(string id)
    {
        if (id.Length != 40 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var oid = new ObjectId(id);
        if (!_repo.ObjectDatabase.Contains(oid)) return null;
        switch (_repo.ObjectDatabase.RetrieveObjectMetadata(oid).Type)
        {
            case ObjectType.Commit:
                return GitPeel.Commit(id);
            case ObjectType.Tag:
                GitObject? target = _repo.Lookup<TagAnnotation>(oid);
                for (var depth = 0; target is TagAnnotation annotation && depth < MaxTagChain; depth++) target = annotation.Target;
                return target is Commit commit ? new GitPeel(false, commit.Sha) : GitPeel.None;
            default:
                return GitPeel.None;
        }
    }

    /// <summary>Tags of tags are allowed; a chain longer than this is treated as pointing at no commit.</summary>
    private const int MaxTagChain = 32;

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
