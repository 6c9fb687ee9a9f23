namespace GitLabLite.Golang;

/// <summary>
/// Which files belong in a module zip (x/mod/zip checkFiles; go.dev/ref/mod#zip-files;
/// go-proxy-protocol.md section 6). Pure: inputs are file lists, never a repository. The checks
/// only specs need (listFilesInDir, checkZip) live beside them in spec/Support/GolangZipChecks.
/// </summary>
public static class ModuleZipRules
{
    /// <summary>Limit on the zip size and on the total uncompressed size of its files (500 MiB).</summary>
    public const long MaxZipFile = 500L << 20;

    /// <summary>Limit on the root go.mod (16 MiB).</summary>
    public const long MaxGoMod = GoModFile.MaxGoMod;

    /// <summary>Limit on the root LICENSE (16 MiB).</summary>
    public const long MaxLicense = 16L << 20;

    // x/mod/zip predefined error texts.
    internal const string ErrPathNotClean = "file path is not clean";
    internal const string ErrPathNotRelative = "file path is not relative";
    internal const string ErrGoModCase = "go.mod files must have lowercase names";
    internal const string ErrVendored = "file is in vendor directory";
    internal const string ErrSubmoduleFile = "file is in another module";
    internal const string ErrHgArchivalTxt = "file is inserted by 'hg archive' and is always omitted";
    internal const string ErrSymlink = "file is a symbolic link";
    internal const string ErrNotRegular = "not a regular file";
    internal static readonly string ErrGoModSize = $"go.mod file too large (max size is {MaxGoMod} bytes)";
    internal static readonly string ErrLicenseSize = $"LICENSE file too large (max size is {MaxLicense} bytes)";

    /// <summary>
    /// zip.go isVendoredPackage(name, vers): whether <paramref name="name"/> is in a vendored
    /// package. <paramref name="goLanguageVersion"/> is e.g. <c>go1.24</c> or "" (unknown).
    /// From go1.24 <c>vendor/modules.txt</c> is vendored (golang.org/issue/63395) and the
    /// <c>/vendor/</c> offset bug (golang.org/issue/37397) is fixed; older versions keep both
    /// behaviours for checksum stability.
    /// </summary>
    public static bool IsVendoredPackage(string name, string goLanguageVersion)
    {
        var go124 = GoVersion.Compare(goLanguageVersion, "go1.24") >= 0;
        if (go124 && name == "vendor/modules.txt")
        {
            return true;
        }
        int i;
        if (name.StartsWith("vendor/", StringComparison.Ordinal))
        {
            i = "vendor/".Length;
        }
        else if (name.IndexOf("/vendor/", StringComparison.Ordinal) is var j and >= 0)
        {
            // Before go1.24 the offset is measured from the start of the name (historic bug, kept).
            i = go124 ? j + "/vendor/".Length : "/vendor/".Length;
        }
        else
        {
            return false;
        }
        return name.AsSpan(i).Contains('/');
    }

    /// <summary>
    /// The go language version deciding the vendor rules: from the regular root file named
    /// exactly <c>go.mod</c>, parsed like modfile.ParseLax; "" if absent or unparseable.
    /// </summary>
    public static string ZipGoLanguageVersion(IEnumerable<ModuleFileEntry> files)
    {
        var vers = "";
        foreach (var f in files)
        {
            if (f.Path == "go.mod" && f.Kind == ModuleFileKind.Regular && f.ReadAll() is { } data)
            {
                // zip.go checkFiles: the last root go.mod read wins.
                vers = GoModFile.Parse(data).ZipLanguageVersion;
            }
        }
        return vers;
    }

    /// <summary>
    /// zip.go CheckFiles: classifies every file as valid, omitted or invalid, in input order.
    /// Opens only the root go.mod (for its go version).
    /// </summary>
    public static ModuleFileCheck CheckFiles(IReadOnlyList<ModuleFileEntry> files)
    {
        var cf = new ModuleFileCheck();
        var errPaths = new HashSet<string>(StringComparer.Ordinal);
        void AddError(ModuleFileEntry f, bool omitted, string reason)
        {
            // One report per path: later duplicates are dropped (zip.go addError).
            if (!errPaths.Add(f.Path))
            {
                return;
            }
            (omitted ? cf.Omitted : cf.Invalid).Add(new ModuleFileError(f.Path, reason));
        }

        // Pass 1: directories holding a regular go.mod (any case) are other modules; the root is exempt.
        var haveGoMod = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var (dir, baseName) = Split(f.Path);
            if (string.Equals(baseName, "go.mod", StringComparison.OrdinalIgnoreCase) && f.Kind == ModuleFileKind.Regular)
            {
                haveGoMod.Add(dir);
            }
        }
        var vers = ZipGoLanguageVersion(files);

        bool InSubmodule(string p)
        {
            while (true)
            {
                var (dir, _) = Split(p);
                if (dir.Length == 0)
                {
                    return false;
                }
                if (haveGoMod.Contains(dir))
                {
                    return true;
                }
                p = dir[..^1];
            }
        }

        var collisions = new ZipCollisionChecker();
        var maxSize = MaxZipFile;
        foreach (var f in files)
        {
            var p = f.Path;
            var isDir = f.Kind is ModuleFileKind.Directory or ModuleFileKind.Submodule;
            if (isDir && p.EndsWith('/') && p.Length > 1)
            {
                p = p[..^1];
            }
            if (p != CleanPath(p))
            {
                AddError(f, false, ErrPathNotClean);
                continue;
            }
            if (p.StartsWith('/'))
            {
                AddError(f, false, ErrPathNotRelative);
                continue;
            }
            if (IsVendoredPackage(p, vers))
            {
                AddError(f, true, ErrVendored);
                continue;
            }
            if (InSubmodule(p))
            {
                AddError(f, true, ErrSubmoduleFile);
                continue;
            }
            if (p == ".hg_archival.txt")
            {
                // Inserted by hg archive; dropped whatever the VCS (zip.go).
                AddError(f, true, ErrHgArchivalTxt);
                continue;
            }
            if (ModulePath.CheckFilePath(p) is { } pathErr)
            {
                AddError(f, false, pathErr);
                continue;
            }
            if (string.Equals(p, "go.mod", StringComparison.OrdinalIgnoreCase) && p != "go.mod")
            {
                AddError(f, false, ErrGoModCase);
                continue;
            }

            // Collisions are checked before the symlink rule: a symlink colliding with a file is fatal.
            if (collisions.Check(p, isDir) is { } collision)
            {
                AddError(f, false, collision);
                continue;
            }
            if (f.Kind == ModuleFileKind.Symlink)
            {
                AddError(f, true, ErrSymlink);
                continue;
            }
            if (f.Kind != ModuleFileKind.Regular)
            {
                AddError(f, true, ErrNotRegular);
                continue;
            }
            var size = f.Size;
            if (size >= 0 && size <= maxSize)
            {
                maxSize -= size;
            }
            else
            {
                cf.SizeError ??= $"module source tree too large (max size is {MaxZipFile} bytes)";
            }
            if (p == "go.mod" && size > MaxGoMod)
            {
                AddError(f, false, ErrGoModSize);
                continue;
            }
            if (p == "LICENSE" && size > MaxLicense)
            {
                AddError(f, false, ErrLicenseSize);
                continue;
            }
            cf.Valid.Add(f);
        }
        return cf;
    }

    /// <summary>
    /// LICENSE rule (coderepo.go codeRepo.Zip; go-proxy-protocol.md section 6.4): when the module
    /// root is a repository subdirectory (<paramref name="moduleSubdir"/> non-empty, including
    /// major-version subdirectories like <c>v2</c>) and the module tree has no non-directory
    /// entry named exactly <c>LICENSE</c> at its root, the caller must add the repository root
    /// <c>LICENSE</c> blob (raw, symlink target text if it is a symlink; nothing if missing or a
    /// directory). Size is not capped here: an oversized
    /// LICENSE is refused by <see cref="CheckFiles"/>.
    /// </summary>
    public static bool NeedsRootLicenseCopy(string moduleSubdir, IEnumerable<ModuleFileEntry> moduleFiles) =>
        moduleSubdir.Trim('/').Length > 0
        && !moduleFiles.Any(f => f.Path == "LICENSE" && f.Kind is not (ModuleFileKind.Directory or ModuleFileKind.Submodule));

    // path.Split: dir keeps its trailing slash.
    internal static (string Dir, string Base) Split(string p)
    {
        var i = p.LastIndexOf('/');
        return (p[..(i + 1)], p[(i + 1)..]);
    }

    /// <summary>Go's path.Clean for slash-separated paths.</summary>
    public static string CleanPath(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }
        var rooted = p[0] == '/';
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
