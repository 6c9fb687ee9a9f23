using GitLabLite.Git;

namespace GitLabLite.Golang;

/// <summary>
/// One Go module inside one git repository, answering as the go command's direct mode does
/// (cmd/go/internal/modfetch/coderepo.go): which versions exist, what a revision query resolves to,
/// where the module's go.mod lives at a version, and which files its zip holds.
/// The module path is split into the repository's import path (codeRoot), a sub-directory (codeDir)
/// and a major-version suffix (pathMajor): host/group/proj/sub/v2 → codeDir "sub", pathMajor "/v2".
/// </summary>
public sealed class CodeRepo
{
    private readonly IGitObjects _git;
    private readonly GitRefSnapshot _refs;
    private readonly string _codeRoot;
    private readonly string _pathPrefix;
    private readonly string _pathMajor;
    private readonly string _pseudoMajor;

    private CodeRepo(IGitObjects git, GitRefSnapshot refs, ModuleLocation location)
    {
        _git = git;
        _refs = refs;
        _codeRoot = location.CodeRoot;
        ModulePath = location.ModulePath;
        _pathPrefix = location.Prefix;
        CodeDir = location.CodeDir;
        _pathMajor = location.PathMajor;
        _pseudoMajor = Golang.ModulePath.PathMajorPrefix(_pathMajor) ?? "";
    }

    public string ModulePath { get; }

    /// <summary>The module's directory in the repository ("" at the root); also its tag prefix without the slash.</summary>
    public string CodeDir { get; }

    private string TagPrefix => CodeDir.Length == 0 ? "" : CodeDir + "/";

    /// <summary>
    /// Where the module <paramref name="modulePath"/> lives in the repository whose import path is
    /// <paramref name="codeRoot"/>, or null when it is not a valid module path at or below that root: the one
    /// decision about module prefixes, made before any repository is opened.
    /// </summary>
    public static ModuleLocation? Locate(string codeRoot, string modulePath)
    {
        if (modulePath != codeRoot && !modulePath.StartsWith(codeRoot + "/", StringComparison.Ordinal)) return null;
        if (Golang.ModulePath.CheckPath(modulePath) is not null) return null;
        if (Golang.ModulePath.SplitPathVersion(modulePath) is not { } split) return null;
        var (prefix, pathMajor) = split;
        // gopkg.in-style ".vN" suffixes belong to gopkg.in only; a repository below this host never has them.
        if (pathMajor.StartsWith('.')) return null;
        string codeDir;
        if (prefix == codeRoot) codeDir = "";
        else if (prefix.StartsWith(codeRoot + "/", StringComparison.Ordinal)) codeDir = prefix[(codeRoot.Length + 1)..];
        else return null;
        return new ModuleLocation(codeRoot, modulePath, prefix, codeDir, pathMajor);
    }

    /// <summary>The module at <paramref name="location"/> (<see cref="Locate"/>) of the repository read through <paramref name="git"/>.</summary>
    public static CodeRepo Create(IGitObjects git, GitRefSnapshot refs, ModuleLocation location) => new(git, refs, location);

    /// <summary>codeRepo.Versions: canonical tags with this module's prefix and major, plus +incompatible ones.</summary>
    public IReadOnlyList<string> Versions()
    {
        var list = new List<string>();
        var incompatible = new List<string>();
        foreach (var tag in _refs.Tags)
        {
            if (!tag.Name.StartsWith(TagPrefix, StringComparison.Ordinal)) continue;
            var v = tag.Name[TagPrefix.Length..];
            // Non-canonical tags (v1.2, v1.2.3+meta) and pseudo-version-shaped tags are never listed.
            if (v.Length == 0 || v != Semver.Canonical(v) || PseudoVersion.IsPseudoVersion(v)) continue;
            if (Golang.ModulePath.CheckPathMajor(v, _pathMajor) is not null)
            {
                if (CodeDir.Length == 0 && _pathMajor.Length == 0 && Semver.Compare(Semver.Major(v), "v1") > 0)
                    incompatible.Add(v);
                continue;
            }
            list.Add(v);
        }
        list = Semver.Sort(list);
        AppendIncompatibleVersions(list, Semver.Sort(incompatible));
        return list;
    }

    /// <summary>
    /// codeRepo.appendIncompatibleVersions: +incompatible versions are listed only while the latest compatible
    /// version has no go.mod (golang/go#34189), and only for majors whose highest tag has no go.mod.
    /// </summary>
    private void AppendIncompatibleVersions(List<string> list, List<string> incompatible)
    {
        if (incompatible.Count == 0) return;
        if (list.Count > 0 && HasGoMod(TagCommit(list[^1])!)) return;
        var i = incompatible.Count - 1;
        while (i >= 0)
        {
            var major = Semver.Major(incompatible[i]);
            var j = i;
            while (j > 0 && Semver.Major(incompatible[j - 1]) == major) j--;
            // The highest tag of this major decides for all of them.
            if (!HasGoMod(TagCommit(incompatible[i])!))
                for (var k = j; k <= i; k++) list.Add(incompatible[k] + ModuleVersionRules.IncompatibleSuffix);
            i = j - 1;
        }
        list.Sort(Semver.Comparer);
    }

    private bool HasGoMod(string commit) => _git.FindBlob(commit, "go.mod") is not null;

    /// <summary>codehost ReadFile with a size limit: null when absent; an oversized file is an error, not an absence.</summary>
    private byte[]? ReadGoMod(string commit, string path, out string? error)
    {
        error = null;
        if (_git.FindBlob(commit, path)?.Size is not { } size) return null;
        if (size > GoModFile.MaxGoMod)
        {
            error = $"reading {_codeRoot}/{path} at revision {PseudoVersion.ShortenSha1(commit)}: file too large (max size is {GoModFile.MaxGoMod} bytes)";
            return null;
        }
        return _git.ReadBlob(commit, path);
    }

    private string? TagCommit(string version) => _refs.FindTag(TagPrefix + version)?.CommitId;

    /// <summary>codeRepo.Stat: resolves a query (tag, branch, commit prefix, canonical or pseudo-version) to a version.</summary>
    public GoResult<RevInfo> Stat(string rev)
    {
        if (rev == "latest") return Latest();
        var codeRev = RevToRev(rev);
        if (ResolveRevision(codeRev) is { } info) return Convert(info, rev);
        if (RootTagFallbackCommit(rev) is { } commit && FindDir(rev, commit).Error is null && _git.FindCommit(commit) is { } c)
            return GoResult<RevInfo>.Ok(new RevInfo(rev, c.Committer.When.UtcDateTime, commit, $"refs/tags/{rev}"));
        return GoResult<RevInfo>.Fail($"{ModulePath}@{rev}: invalid version: unknown revision {codeRev}");
    }

    /// <summary>
    /// GitLab compatibility (API.md): a sub-directory module asked for a version that has no dir/ tag may use the
    /// root tag of that name when its commit holds the module. Such versions are served but never listed, so
    /// listings and @latest stay exactly what the go command computes in direct mode.
    /// </summary>
    private string? RootTagFallbackCommit(string version) =>
        CodeDir.Length > 0 && version == Semver.Canonical(version) && !PseudoVersion.IsPseudoVersion(version)
            && _refs.FindTag(TagPrefix + version) is null ? _refs.FindTag(version)?.CommitId : null;

    /// <summary>codeRepo.Latest: the default branch's head, as a tag on it or a pseudo-version.</summary>
    private GoResult<RevInfo> HeadInfo()
    {
        if (_refs.HeadCommitId is not { } head || _git.FindCommit(head) is not { } commit)
            return GoResult<RevInfo>.Fail($"{ModulePath}: no commits");
        return Convert(Describe(commit, "HEAD"), "");
    }

    /// <summary>
    /// What @latest should answer: the highest release, else the highest pre-release, else the head of the default
    /// branch (modload's query order; go-proxy-protocol.md §1.5).
    /// </summary>
    public GoResult<RevInfo> Latest()
    {
        var versions = Versions();
        var release = versions.LastOrDefault(v => Semver.Prerelease(v).Length == 0);
        var chosen = release ?? versions.LastOrDefault();
        return chosen is null ? HeadInfo() : Stat(chosen);
    }

    /// <summary>codeRepo.GoMod: the raw go.mod blob at a canonical version, or the synthesised one.</summary>
    public GoResult<byte[]> GoMod(string version)
    {
        if (CheckCanonicalRequest(version) is { } error) return GoResult<byte[]>.Fail(error);
        var dir = FindDir(version);
        if (dir.Error is not null) return GoResult<byte[]>.Fail(dir.Error);
        var (_, _, gomod) = dir.Value;
        return GoResult<byte[]>.Ok(gomod ?? GoModFile.LegacyGoMod(ModulePath));
    }

    /// <summary>
    /// The go.mod of a version known to live in <paramref name="dir"/> at <paramref name="commit"/> (what
    /// <see cref="Source"/> found once): the raw blob, or the synthesised one when the module has none there.
    /// </summary>
    public GoResult<byte[]> GoModAt(string commit, string dir)
    {
        if (_git.FindCommit(commit) is null) return GoResult<byte[]>.Fail($"{ModulePath}: commit {commit} is missing from the repository");
        var gomod = ReadGoMod(commit, Join(dir, "go.mod"), out var error);
        if (error is not null) return GoResult<byte[]>.Fail(error);
        return GoResult<byte[]>.Ok(gomod ?? GoModFile.LegacyGoMod(ModulePath));
    }

    /// <summary>
    /// codeRepo.Zip's file selection: the module directory at a canonical version (commit and sub-directory) and
    /// whether the repository root's LICENSE must be added (§6.4). The zip rules themselves are applied by the writer.
    /// </summary>
    public GoResult<ModuleSource> Source(string version)
    {
        if (CheckCanonicalRequest(version) is { } error) return GoResult<ModuleSource>.Fail(error);
        var dir = FindDir(version);
        if (dir.Error is not null) return GoResult<ModuleSource>.Fail(dir.Error);
        var (commit, subdir, _) = dir.Value;
        return GoResult<ModuleSource>.Ok(new ModuleSource(ModulePath, version, commit, subdir));
    }

    /// <summary>.mod and .zip take canonical versions only; pseudo-versions are validated first (coderepo.go GoMod/Zip).</summary>
    private string? CheckCanonicalRequest(string version)
    {
        if (version != ModuleVersionRules.Canonical(version))
            return $"{ModulePath}@{version}: version is not canonical";
        // module.Check's error already names the module and version (a ModuleError).
        if (ModuleVersionRules.Check(ModulePath, version) is { } invalid)
            return invalid;
        if (PseudoVersion.IsPseudoVersion(version) && Stat(version).Error is { } statError)
            return statError;
        return null;
    }

    /// <summary>codeRepo.revToRev: a version names its tag (prefix added, +incompatible dropped), a pseudo-version its commit.</summary>
    private string RevToRev(string rev)
    {
        if (!Semver.IsValid(rev)) return rev;
        if (PseudoVersion.IsPseudoVersion(rev)) return PseudoVersion.Rev(rev)!;
        if (Semver.Build(rev) == ModuleVersionRules.IncompatibleSuffix) rev = rev[..^ModuleVersionRules.IncompatibleSuffix.Length];
        return TagPrefix + rev;
    }

    /// <summary>
    /// codehost/git.go stat: refs/tags/&lt;q&gt;, refs/heads/&lt;q&gt;, HEAD, then a 7..40 hex prefix of a commit reachable
    /// from a branch or tag (the go command never fetches other refs, so neither do we serve them).
    /// </summary>
    private RevisionInfo? ResolveRevision(string rev)
    {
        string? hash = null;
        if (rev == "HEAD") hash = _refs.HeadCommitId;
        else if (_refs.FindTag(rev) is { } tag) hash = tag.CommitId;
        else if (_refs.FindBranch(rev) is { } branch) hash = branch;
        else if (rev.Length is >= 7 and <= 40 && rev.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            hash = _git.ResolveCommitPrefix(rev);
            if (hash is not null && !_git.IsReachable(hash, _refs.TipIds)) hash = null;
        }
        if (hash is null || _git.FindCommit(hash) is not { } commit) return null;
        return Describe(commit, rev);
    }

    private RevisionInfo Describe(GitCommitInfo commit, string requested)
    {
        var tags = _refs.TagsAt(commit.Id).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        // git.go statLocal: the version is the requested name only when it is a tag on this commit.
        var version = tags.Contains(requested) ? requested : commit.Id;
        return new RevisionInfo(commit.Id, commit.Committer.When.UtcDateTime, version, tags);
    }

    /// <summary>codeRepo.convert, step for step.</summary>
    private GoResult<RevInfo> Convert(RevisionInfo info, string statVers)
    {
        var incompatibleOk = new Dictionary<string, bool>();

        bool CanUseIncompatible(string v)
        {
            if (CodeDir.Length > 0 || _pathMajor.Length > 0) return false;
            if (!incompatibleOk.TryGetValue("", out var ok))
                incompatibleOk[""] = ok = !HasGoMod(info.Hash);
            if (!ok) return false;
            // golang/go#51324: an explicit +incompatible request skips the vN/go.mod check.
            if (v.Length > 0 && !statVers.EndsWith(ModuleVersionRules.IncompatibleSuffix, StringComparison.Ordinal))
            {
                var major = Semver.Major(v);
                if (!incompatibleOk.TryGetValue(major, out ok))
                    incompatibleOk[major] = ok = _git.FindBlob(info.Hash, $"{major}/go.mod") is null;
                if (!ok) return false;
            }
            return true;
        }

        GoResult<RevInfo> CheckCanonical(string v)
        {
            var dir = FindDir(v, info.Hash);
            if (dir.Error is not null) return GoResult<RevInfo>.Fail($"{ModulePath}@{v}: invalid version: {dir.Error}");
            if (v == TrimIncompatible(statVers)) v = statVers;
            var versionBase = TrimIncompatible(v);
            string? errIncompatible = null;
            if (!Golang.ModulePath.MatchPathMajor(versionBase, _pathMajor))
            {
                if (CanUseIncompatible(versionBase)) v = versionBase + ModuleVersionRules.IncompatibleSuffix;
                else errIncompatible = _pathMajor.Length > 0
                    ? "module path includes a major version suffix, so major version must match"
                    : $"module contains a go.mod file, so module path must match major version (\"{_pathPrefix}/{Semver.Major(v)}\")";
            }
            else if (v.EndsWith(ModuleVersionRules.IncompatibleSuffix, StringComparison.Ordinal))
                errIncompatible = $"+incompatible suffix not allowed: major version {Semver.Major(v)} is compatible";

            if (statVers.Length > 0 && statVers == ModuleVersionRules.Canonical(statVers) && TrimIncompatible(statVers) != versionBase)
                return GoResult<RevInfo>.Fail($"{ModulePath}@{statVers}: invalid version: resolves to version {v} ({TrimIncompatible(statVers)} is not a tag)");
            if (errIncompatible is not null) return GoResult<RevInfo>.Fail($"{ModulePath}@{v}: invalid version: {errIncompatible}");
            return GoResult<RevInfo>.Ok(new RevInfo(v, info.Time, info.Hash, RefFor(v)));
        }

        if (PseudoVersion.IsPseudoVersion(statVers))
        {
            var checkedInfo = CheckCanonical(statVers);
            if (checkedInfo.Error is not null) return checkedInfo;
            return ValidatePseudoVersion(info, statVers) is { } invalid
                ? GoResult<RevInfo>.Fail($"{ModulePath}@{statVers}: invalid pseudo-version: {invalid}")
                : checkedInfo;
        }

        if (TagToVersion(info.Version) is (var tagVersion, true) && CheckCanonical(tagVersion) is { Error: null } exact)
            return exact;

        string highestCanonical = "", pseudoBase = "";
        foreach (var pathTag in info.Tags)
        {
            var (v, isCanonical) = TagToVersion(pathTag);
            if (v.Length == 0) continue;
            if (statVers.Length > 0 && Semver.Compare(v, statVers) == 0)
            {
                if (isCanonical) return CheckCanonical(v);
                pseudoBase = v;
            }
            if (isCanonical && Semver.Compare(highestCanonical, v) < 0
                && (Golang.ModulePath.MatchPathMajor(v, _pathMajor) || CanUseIncompatible(v)))
                highestCanonical = v;
        }
        if (highestCanonical.Length > 0) return CheckCanonical(highestCanonical);

        if (pseudoBase.Length == 0)
        {
            // RecentTag: the semver-highest allowed tag merged into the commit.
            var best = "";
            foreach (var tag in _refs.Tags)
            {
                if (!tag.Name.StartsWith(TagPrefix, StringComparison.Ordinal)) continue;
                var semtag = tag.Name[TagPrefix.Length..];
                if (Semver.Compare(semtag, best) <= 0) continue;
                var v = TagToVersion(tag.Name).Version;
                if (v.Length == 0) continue;
                if (!Golang.ModulePath.MatchPathMajor(v, _pathMajor) && !CanUseIncompatible(v)) continue;
                if (_git.IsAncestor(tag.CommitId, info.Hash)) best = semtag;
            }
            if (best.Length > 0) pseudoBase = TagToVersion(TagPrefix + best).Version;
        }
        return CheckCanonical(PseudoVersion.Build(_pseudoMajor, pseudoBase, info.Time, PseudoVersion.ShortenSha1(info.Hash)));
    }

    private string? RefFor(string version) =>
        PseudoVersion.IsPseudoVersion(version) ? null
        : _refs.FindTag(TagPrefix + TrimIncompatible(version)) is { } tag ? $"refs/tags/{tag.Name}" : null;

    private static string TrimIncompatible(string v) =>
        v.EndsWith(ModuleVersionRules.IncompatibleSuffix, StringComparison.Ordinal) ? v[..^ModuleVersionRules.IncompatibleSuffix.Length] : v;

    /// <summary>convert's tagToVersion: the canonical version a tag names for this module ("" if none) and whether the tag is exactly it.</summary>
    private (string Version, bool Canonical) TagToVersion(string tag)
    {
        if (!tag.StartsWith(TagPrefix, StringComparison.Ordinal)) return ("", false);
        var trimmed = tag[TagPrefix.Length..];
        if (PseudoVersion.IsPseudoVersion(tag)) return ("", false);
        var v = Semver.Canonical(trimmed);
        if (v.Length == 0 || !trimmed.StartsWith(v, StringComparison.Ordinal)) return ("", false);
        return (v, v == trimmed);
    }

    /// <summary>codeRepo.validatePseudoVersion: revision, time and an ancestor tag equal to the base.</summary>
    private string? ValidatePseudoVersion(RevisionInfo info, string version)
    {
        var rev = PseudoVersion.Rev(version)!;
        var shortRev = PseudoVersion.ShortenSha1(info.Hash);
        if (rev != shortRev)
        {
            if (rev.StartsWith(shortRev, StringComparison.Ordinal)) return $"revision is longer than canonical (expected {shortRev})";
            if (shortRev.StartsWith(rev, StringComparison.Ordinal)) return $"revision is shorter than canonical (expected {shortRev})";
            return $"does not match short name of revision (expected {shortRev})";
        }
        if (PseudoVersion.Time(version) is not { } t) return "malformed time";
        if (t != info.Time)
            return $"does not match version-control timestamp (expected {info.Time.ToString(PseudoVersion.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture)})";
        var versionBase = PseudoVersion.BaseVersion(TrimIncompatible(version));
        if (versionBase is null) return "malformed pseudo-version base";
        if (versionBase.Length == 0)
            return _pseudoMajor.Length == 0 && Semver.Major(version) == "v1" ? "major version without preceding tag must be v0, not v1" : null;
        foreach (var tag in info.Tags)
            if (tag.StartsWith(TagPrefix, StringComparison.Ordinal) && tag[TagPrefix.Length..] == versionBase)
                return $"tag ({tag}) found on revision {rev} is already canonical, so should not be replaced with a pseudo-version derived from that tag";
        string? lastTag = null;
        foreach (var tag in _refs.Tags)
        {
            if (!tag.Name.StartsWith(TagPrefix + versionBase, StringComparison.Ordinal)) continue;
            if (Semver.Compare(tag.Name[TagPrefix.Length..], versionBase) != 0) continue;
            lastTag = tag.Name;
            if (_git.IsAncestor(tag.CommitId, info.Hash)) return null;
        }
        return lastTag is null
            ? $"preceding tag ({versionBase}) not found"
            : $"revision {rev} is not a descendent of preceding tag ({lastTag})";
    }

    /// <summary>
    /// codeRepo.findDir: where the module's go.mod is at <paramref name="version"/> (major-version subdirectory or
    /// codeDir), its raw bytes (null when implicit), or why this is not the module at that version.
    /// </summary>
    private GoResult<(string Commit, string Dir, byte[]? GoMod)> FindDir(string version, string? knownCommit = null)
    {
        var commit = knownCommit ?? ResolveRevision(RevToRev(version))?.Hash ?? RootTagFallbackCommit(version);
        if (commit is null) return GoResult<(string, string, byte[]?)>.Fail($"{ModulePath}@{version}: invalid version: unknown revision {RevToRev(version)}");
        var file1 = Join(CodeDir, "go.mod");
        var gomod1 = ReadGoMod(commit, file1, out var readError);
        if (readError is not null) return Fail(readError);
        var mpath1 = gomod1 is null ? "" : GoModModulePath.Scan(gomod1);
        var found1 = gomod1 is not null && IsMajor(mpath1, _pathMajor);
        var shortRev = PseudoVersion.ShortenSha1(commit);

        string? file2 = null;
        if (_pathMajor.Length > 0 && _codeRoot != ModulePath)
        {
            var dir2 = Join(CodeDir, _pathMajor[1..]);
            file2 = Join(dir2, "go.mod");
            var gomod2 = ReadGoMod(commit, file2, out readError);
            if (readError is not null) return Fail(readError);
            var mpath2 = gomod2 is null ? "" : GoModModulePath.Scan(gomod2);
            var found2 = gomod2 is not null && IsMajor(mpath2, _pathMajor);
            if (found1 && found2)
                return Fail($"{_pathPrefix}/{file1} and ...{_pathMajor}/go.mod both have ...{_pathMajor} module paths at revision {shortRev}");
            if (found2) return GoResult<(string, string, byte[]?)>.Ok((commit, dir2, gomod2));
            if (gomod2 is not null)
                return Fail(mpath2.Length == 0
                    ? $"{_codeRoot}/{file2} is missing module path at revision {shortRev}"
                    : $"{_codeRoot}/{file2} has non-...{_pathMajor} module path \"{mpath2}\" at revision {shortRev}");
        }
        if (found1) return GoResult<(string, string, byte[]?)>.Ok((commit, CodeDir, gomod1));
        if (gomod1 is not null)
        {
            var suffix = file2 is null ? "" : $" (and ...{_pathMajor}/go.mod does not exist)";
            if (mpath1.Length == 0) return Fail($"{file1} is missing module path{suffix} at revision {shortRev}");
            if (_pathMajor.Length > 0) return Fail($"{file1} has non-...{_pathMajor} module path \"{mpath1}\"{suffix} at revision {shortRev}");
            if (Golang.ModulePath.SplitPathVersion(mpath1) is null) return Fail($"{file1} has malformed module path \"{mpath1}\"{suffix} at revision {shortRev}");
            return Fail($"{file1} has post-{Semver.Major(version)} module path \"{mpath1}\"{suffix} at revision {shortRev}");
        }
        // An implicit go.mod is allowed only at the repository root of a v0/v1 module (§5.2).
        if (CodeDir.Length == 0 && _pathMajor.Length == 0) return GoResult<(string, string, byte[]?)>.Ok((commit, "", null));
        return Fail(file2 is not null
            ? $"missing {_pathPrefix}/go.mod and ...{_pathMajor}/go.mod at revision {shortRev}"
            : $"missing {_pathPrefix}/go.mod at revision {shortRev}");

        static GoResult<(string, string, byte[]?)> Fail(string message) => GoResult<(string, string, byte[]?)>.Fail(message);
    }

    private static string Join(string dir, string name) => dir.Length == 0 ? name : $"{dir}/{name}";

    /// <summary>coderepo.go isMajor: compares only the declared path's major suffix with the requested one.</summary>
    private static bool IsMajor(string mpath, string pathMajor)
    {
        if (mpath.Length == 0) return false;
        if (Golang.ModulePath.SplitPathVersion(mpath) is not { } split) return false;
        var mpathMajor = split.PathMajor;
        if (pathMajor.Length == 0)
            return Golang.ModulePath.PathMajorPrefix(mpathMajor) is "" or "v0" or "v1";
        if (mpathMajor.Length == 0) return false;
        return pathMajor[1..] == mpathMajor[1..];
    }

    /// <summary>A resolved commit with the tags on it (git.go RevInfo).</summary>
    private sealed record RevisionInfo(string Hash, DateTime Time, string Version, IReadOnlyList<string> Tags);
}
