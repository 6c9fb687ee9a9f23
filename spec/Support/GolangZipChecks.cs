using System.IO.Compression;
using GitLabLite.Golang;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The x/mod/zip checks the server never runs, kept for the golden vectors: listFilesInDir / CheckDir over an
/// in-memory tree, CreateFromDir, and CheckZip of an existing zip. The server builds zips from git trees, which
/// <see cref="ModuleZipRules.CheckFiles"/> and <see cref="ModuleZipWriter.Create"/> cover.
/// </summary>
public static class GolangZipChecks
{
    private const string DirectoryIsVcs = "directory is a version control repository";
    private const string DirectoryIsSubmodule = "directory is in another module";

    /// <summary>
    /// zip.go listFilesInDir over an in-memory tree: walks directories in name order, skips
    /// <c>.bzr .git .hg .svn</c> directories and directories holding a non-directory
    /// <c>go.mod</c>, omits vendored paths and non-regular files. Returns the files that
    /// CreateFromDir hands to Create, plus what was skipped. Duplicate paths: the last wins.
    /// </summary>
    public static (List<ModuleFileEntry> Files, List<ModuleFileError> Omitted) ListDirectoryTree(IEnumerable<ModuleFileEntry> tree)
    {
        var byPath = new Dictionary<string, ModuleFileEntry>(StringComparer.Ordinal);
        foreach (var f in tree)
        {
            byPath[f.Path.TrimEnd('/')] = f;
        }
        var children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal) { [""] = new(GoString.Utf8Comparer) };
        foreach (var p in byPath.Keys)
        {
            var parts = p.Split('/');
            var dir = "";
            foreach (var part in parts)
            {
                children.TryAdd(dir, new SortedSet<string>(GoString.Utf8Comparer));
                children[dir].Add(part);
                dir = dir.Length == 0 ? part : dir + "/" + part;
            }
        }
        var vers = byPath.TryGetValue("go.mod", out var rootGoMod) && rootGoMod.Kind == ModuleFileKind.Regular && rootGoMod.ReadAll() is { } data
            ? GoModFile.Parse(data).ZipLanguageVersion
            : "";

        var files = new List<ModuleFileEntry>();
        var omitted = new List<ModuleFileError>();
        void Walk(string dir)
        {
            foreach (var name in children[dir])
            {
                var p = dir.Length == 0 ? name : dir + "/" + name;
                var isDir = children.ContainsKey(p) || (byPath.TryGetValue(p, out var marker) && marker.Kind == ModuleFileKind.Directory);
                if (ModuleZipRules.IsVendoredPackage(p, vers))
                {
                    omitted.Add(new ModuleFileError(p, ModuleZipRules.ErrVendored));
                    if (isDir && children.ContainsKey(p))
                    {
                        Walk(p);
                    }
                    continue;
                }
                if (isDir)
                {
                    if (name is ".bzr" or ".git" or ".hg" or ".svn")
                    {
                        omitted.Add(new ModuleFileError(p, DirectoryIsVcs));
                        continue;
                    }
                    var goMod = p + "/go.mod";
                    if (byPath.TryGetValue(goMod, out var gm) && gm.Kind != ModuleFileKind.Directory && !children.ContainsKey(goMod))
                    {
                        omitted.Add(new ModuleFileError(p, DirectoryIsSubmodule));
                        continue;
                    }
                    if (children.ContainsKey(p))
                    {
                        Walk(p);
                    }
                    continue;
                }
                var f = byPath[p];
                if (f.Kind != ModuleFileKind.Regular)
                {
                    omitted.Add(new ModuleFileError(p, ModuleZipRules.ErrNotRegular));
                    continue;
                }
                files.Add(f);
            }
        }
        Walk("");
        return (files, omitted);
    }

    /// <summary>zip.go CheckDir over an in-memory tree: CheckFiles of the walked files, then the walk's omissions.</summary>
    public static ModuleFileCheck CheckDirectoryTree(IEnumerable<ModuleFileEntry> tree)
    {
        var (files, omitted) = ListDirectoryTree(tree);
        var cf = ModuleZipRules.CheckFiles(files);
        cf.Omitted.AddRange(omitted);
        return cf;
    }

    /// <summary>Create for a directory-like tree: applies the listFilesInDir rules first (zip.go CreateFromDir).</summary>
    public static ModuleZipResult CreateFromTree(Stream output, string modulePath, string version, IEnumerable<ModuleFileEntry> tree) =>
        ModuleZipWriter.Create(output, modulePath, version, ListDirectoryTree(tree).Files);

    /// <summary>
    /// zip.go CheckZip: validates an existing module zip for <paramref name="modulePath"/>@<paramref name="version"/>
    /// (prefix, clean names, file path rules, collisions, go.mod placement and case, size limits).
    /// Valid entries carry the full zip entry name and declared size; their Open is null.
    /// Non-seekable streams are buffered.
    /// </summary>
    public static ModuleFileCheck CheckZip(Stream zip, string modulePath, string version)
    {
        var cf = new ModuleFileCheck();
        var pre = ModuleVersionRules.CheckZipModuleVersion(modulePath, version);
        if (pre is not null)
        {
            cf.ModuleError = pre;
            return cf;
        }
        var seekable = DirHash.EnsureSeekable(zip);
        try
        {
            if (seekable.Length > ModuleZipRules.MaxZipFile)
            {
                cf.SizeError = $"module zip file is too large ({seekable.Length} bytes; limit is {ModuleZipRules.MaxZipFile} bytes)";
                return cf;
            }
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                cf.ModuleError = "zip: not a valid zip file: " + e.Message;
                return cf;
            }
            using (archive)
            {
                CheckZipEntries(archive, modulePath, version, cf);
            }
            return cf;
        }
        finally
        {
            if (!ReferenceEquals(seekable, zip))
            {
                seekable.Dispose();
            }
        }
    }

    private static void CheckZipEntries(ZipArchive archive, string modulePath, string version, ModuleFileCheck cf)
    {
        var prefix = $"{modulePath}@{version}/";
        var collisions = new ZipCollisionChecker();
        long size = 0;
        foreach (var zf in archive.Entries)
        {
            void AddError(string reason) => cf.Invalid.Add(new ModuleFileError(zf.FullName, reason));
            if (!zf.FullName.StartsWith(prefix, StringComparison.Ordinal))
            {
                AddError($"path does not have prefix {GoString.Quote(prefix)}");
                continue;
            }
            var name = zf.FullName[prefix.Length..];
            if (name.Length == 0)
            {
                continue;
            }
            var isDir = name.EndsWith('/');
            if (isDir)
            {
                name = name[..^1];
            }
            if (ModuleZipRules.CleanPath(name) != name)
            {
                AddError(ModuleZipRules.ErrPathNotClean);
                continue;
            }
            if (ModulePath.CheckFilePath(name) is { } pathErr)
            {
                AddError(pathErr);
                continue;
            }
            if (collisions.Check(name, isDir) is { } collision)
            {
                AddError(collision);
                continue;
            }
            if (isDir)
            {
                continue;
            }
            var baseName = ModuleZipRules.Split(name).Base;
            if (string.Equals(baseName, "go.mod", StringComparison.OrdinalIgnoreCase))
            {
                if (baseName != name)
                {
                    AddError("go.mod file not in module root directory");
                    continue;
                }
                if (name != "go.mod")
                {
                    AddError(ModuleZipRules.ErrGoModCase);
                    continue;
                }
            }
            var sz = zf.Length;
            if (sz >= 0 && ModuleZipRules.MaxZipFile - size >= sz)
            {
                size += sz;
            }
            else
            {
                cf.SizeError ??= $"total uncompressed size of module contents too large (max size is {ModuleZipRules.MaxZipFile} bytes)";
            }
            if (name == "go.mod" && sz > ModuleZipRules.MaxGoMod)
            {
                AddError(ModuleZipRules.ErrGoModSize);
                continue;
            }
            if (name == "LICENSE" && sz > ModuleZipRules.MaxLicense)
            {
                AddError(ModuleZipRules.ErrLicenseSize);
                continue;
            }
            cf.Valid.Add(new ModuleFileEntry(zf.FullName, sz, ModuleFileKind.Regular, null));
        }
    }
}
