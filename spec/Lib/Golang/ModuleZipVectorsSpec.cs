using System.IO.Compression;
using System.Text;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Golang;

/// <summary>Runs every golden vector of golang.org/x/mod/zip (spec/testdata/xmod-zip) against our rules.</summary>
[TestClass]
public sealed class ModuleZipVectorsSpec
{
    private static string Dir(string folder) => Path.Combine(AppContext.BaseDirectory, "testdata", "xmod-zip", folder);

    private static IEnumerable<object[]> Cases(string folder)
    {
        var files = Directory.GetFiles(Dir(folder), "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.IsNotEmpty(files, $"no vectors in {folder}");
        return files.Select(f => new object[] { Path.GetFileName(f) });
    }

    public static IEnumerable<object[]> CreateCases => Cases("create");

    public static IEnumerable<object[]> CreateFromDirCases => Cases("create_from_dir");

    public static IEnumerable<object[]> CheckFilesCases => Cases("check_files");

    public static IEnumerable<object[]> CheckDirCases => Cases("check_dir");

    public static IEnumerable<object[]> CheckZipCases => Cases("check_zip");

    public static IEnumerable<object[]> UnzipCases => Cases("unzip");

    [TestMethod]
    [DynamicData(nameof(CreateCases))]
    public void Create_WithVector_MatchesReferenceHashOrError(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("create"), vector));
        var files = test.Files.Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        AssertCreate(test, output => ModuleZipWriter.Create(output, test.Header()["path"], test.Header()["version"], files));
    }

    [TestMethod]
    [DynamicData(nameof(CreateFromDirCases))]
    public void CreateFromTree_WithVector_MatchesReferenceHashOrError(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("create_from_dir"), vector));
        var files = test.Files.Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        AssertCreate(test, output => GolangZipChecks.CreateFromTree(output, test.Header()["path"], test.Header()["version"], files));
    }

    [TestMethod]
    [DynamicData(nameof(CheckFilesCases))]
    public void CheckFiles_WithVector_ClassifiesLikeReference(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("check_files"), vector));
        var files = test.Files.Where(f => f.Name != "want").Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        var cf = ModuleZipRules.CheckFiles(files);
        Assert.AreEqual(test.Text("want"), Format(cf, ""));
        Assert.AreEqual(cf.Invalid.Count > 0 ? string.Join("\n", cf.Invalid) : null, cf.Error);
    }

    [TestMethod]
    [DynamicData(nameof(CheckDirCases))]
    public void CheckDirectoryTree_WithVector_ClassifiesLikeReference(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("check_dir"), vector));
        var files = test.Files.Where(f => f.Name != "want").Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        var cf = GolangZipChecks.CheckDirectoryTree(files);
        Assert.AreEqual(test.Text("want"), Format(cf, "$work/"));
    }

    [TestMethod]
    [DynamicData(nameof(CheckZipCases))]
    public void CheckZip_WithVector_ClassifiesLikeReference(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("check_zip"), vector));
        using var zip = RawZip(test.Files.Where(f => f.Name != "want"));
        var cf = GolangZipChecks.CheckZip(zip, test.Header()["path"], test.Header()["version"]);
        Assert.AreEqual(test.Text("want"), Format(cf, ""));
    }

    [TestMethod]
    [DynamicData(nameof(UnzipCases))]
    public void CheckZip_WithUnzipVector_AcceptsOrRefusesLikeReference(string vector)
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("unzip"), vector));
        var header = test.Header();
        using var zip = RawZip(test.Files);
        var cf = GolangZipChecks.CheckZip(zip, header["path"], header["version"]);
        if (header.TryGetValue("wantErr", out var wantErr))
        {
            Assert.IsNotNull(cf.Error, $"expected refusal: {wantErr}");
            StringAssert.Contains(cf.Error, wantErr);
            return;
        }
        Assert.IsNull(cf.Error);
        zip.Position = 0;
        Assert.AreEqual(header["hash"], DirHash.HashZip(zip));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, zip.ToArray());
            Assert.AreEqual(header["hash"], DirHash.HashZipFile(file, workers: 2), "the same hash from the file on disk");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Create_WithNonSeekableOutput_ProducesSameHash()
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("create"), "simple.txt"));
        var files = test.Files.Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        using var buffer = new MemoryStream();
        using (var forwardOnly = new GolangForwardOnlyStream(buffer))
        {
            var result = ModuleZipWriter.Create(forwardOnly, "example.com/m", "v1.0.0", files);
            Assert.IsTrue(result.Success, result.Error);
        }
        buffer.Position = 0;
        Assert.AreEqual(test.Header()["hash"], DirHash.HashZip(new GolangForwardOnlyStream(buffer)));
    }

    [TestMethod]
    public void Create_WithSimpleModule_WritesNoDirectoryEntriesAndPrefixesNames()
    {
        var test = GolangTxtar.Load(Path.Combine(Dir("create"), "simple.txt"));
        var files = test.Files.Select(f => ModuleFileEntry.FromBytes(f.Name, f.Data)).ToList();
        using var ms = new MemoryStream();
        Assert.IsTrue(ModuleZipWriter.Create(ms, "example.com/m", "v1.0.0", files).Success);
        ms.Position = 0;
        using var archive = new ZipArchive(ms, ZipArchiveMode.Read);
        CollectionAssert.AreEqual(
            new[] { "example.com/m@v1.0.0/go.mod", "example.com/m@v1.0.0/m.go", "example.com/m@v1.0.0/cmd/hello/hello.go" },
            archive.Entries.Select(e => e.FullName).ToArray());
    }

    private static void AssertCreate(GolangTxtar test, Func<Stream, ModuleZipResult> create)
    {
        var header = test.Header();
        using var ms = new MemoryStream();
        var result = create(ms);
        if (header.TryGetValue("wantErr", out var wantErr))
        {
            Assert.IsFalse(result.Success, $"expected refusal: {wantErr}");
            StringAssert.Contains(result.Error, wantErr);
            Assert.AreEqual(0, ms.Length, "nothing may be written for a refused module");
            return;
        }
        Assert.IsTrue(result.Success, result.Error);
        ms.Position = 0;
        Assert.AreEqual(header["hash"], DirHash.HashZip(ms));
        Assert.AreEqual(header["hash"], result.H1, "h1 taken while writing");
    }

    // A zip holding exactly the given entries (zip_test.go extractTxtarToTempZip).
    private static MemoryStream RawZip(IEnumerable<(string Name, byte[] Data)> files)
    {
        var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in files)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(data);
            }
        }
        ms.Position = 0;
        return ms;
    }

    // zip_test.go formatCheckedFiles.
    private static string Format(ModuleFileCheck cf, string prefix)
    {
        var sb = new StringBuilder("valid:\n");
        foreach (var f in cf.Valid)
        {
            sb.Append(prefix).Append(f.Path).Append('\n');
        }
        sb.Append("\nomitted:\n");
        foreach (var f in cf.Omitted)
        {
            sb.Append(prefix).Append(f).Append('\n');
        }
        sb.Append("\ninvalid:\n");
        foreach (var f in cf.Invalid)
        {
            sb.Append(prefix).Append(f).Append('\n');
        }
        return sb.ToString();
    }
}
