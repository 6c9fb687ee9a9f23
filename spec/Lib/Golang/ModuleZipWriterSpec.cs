using System.IO.Compression;
using System.Text;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Golang;

/// <summary>
/// The zip format itself (ZipFileWriter under ModuleZipWriter): files compressed in parallel and streamed ones, empty
/// files, the zip64 end record past 65,534 entries, read back by an independent reader. The golden vectors and the
/// end-to-end specs with the real go command cover the h1 side.
/// </summary>
[TestClass]
public sealed class ModuleZipWriterSpec
{
    private const string Prefix = "example.com/m@v1.0.0/";

    private static byte[] Random(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static Dictionary<string, byte[]> ReadBack(MemoryStream zip)
    {
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    [TestMethod]
    public void Create_WithSmallEmptyAndStreamedFiles_RoundTripsEveryByteInOrder()
    {
        var big = Random((int)ModuleZipWriter.InMemoryFileLimit * 3 + 17, 1);
        var files = new List<ModuleFileEntry>
        {
            ModuleFileEntry.FromBytes("go.mod", "module example.com/m\n"u8.ToArray()),
            ModuleFileEntry.FromBytes("empty.txt", []),
            ModuleFileEntry.FromBytes("data/big.bin", big),
            ModuleFileEntry.FromBytes("héllo/世界.go", "package x\n"u8.ToArray()),
        };
        files.AddRange(Enumerable.Range(0, 40).Select(i => ModuleFileEntry.FromBytes($"p/f{i:00}.go", Random(3000 + i, i))));
        using var zip = new MemoryStream();
        ModuleZipResult result;
        using (var forwardOnly = new GolangForwardOnlyStream(zip))
            Assert.IsTrue((result = ModuleZipWriter.Create(forwardOnly, "example.com/m", "v1.0.0", files)).Success);

        var read = ReadBack(new MemoryStream(zip.ToArray()));
        CollectionAssert.AreEqual(files.Select(f => Prefix + f.Path).ToArray(), read.Keys.ToArray(), "names, in input order");
        foreach (var f in files) CollectionAssert.AreEqual(f.ReadAll(), read[Prefix + f.Path], f.Path);
        zip.Position = 0;
        var h1 = DirHash.HashZip(new MemoryStream(zip.ToArray()));
        Assert.AreEqual(DirHash.Hash1(files.Select(f => (Prefix + f.Path, f.ReadAll()!))), h1);
        Assert.AreEqual(h1, result.H1, "the h1 taken while writing is the served zip's");
    }

    [TestMethod]
    public void Create_WithMoreThan65534Files_WritesAZip64EndRecord()
    {
        var files = Enumerable.Range(0, 70_000).Select(i => ModuleFileEntry.FromBytes($"d{i / 1000}/f{i % 1000}.txt", Encoding.ASCII.GetBytes(i.ToString()))).ToList();
        using var zip = new MemoryStream();
        Assert.IsTrue(ModuleZipWriter.Create(zip, "example.com/m", "v1.0.0", files).Success);
        var read = ReadBack(zip);
        Assert.AreEqual(70_000, read.Count);
        Assert.AreEqual("69999", Encoding.ASCII.GetString(read[Prefix + "d69/f999.txt"]));
    }

    [TestMethod]
    [DataRow(10)]
    [DataRow(3 << 20)]
    public void Create_WithFileLongerThanDeclared_FailsForInMemoryAndStreamedFiles(int declared)
    {
        var content = Random(declared + 1, 7);
        var lying = new ModuleFileEntry("a.bin", declared, ModuleFileKind.Regular, () => new MemoryStream(content));
        var result = ModuleZipWriter.Create(new MemoryStream(), "example.com/m", "v1.0.0", [ModuleFileEntry.FromBytes("go.mod", []), lying]);
        Assert.AreEqual("create zip: file \"a.bin\" is larger than declared size", result.Error);
    }
}
