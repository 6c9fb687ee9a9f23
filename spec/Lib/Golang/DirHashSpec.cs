using System.IO.Compression;
using System.Text;
using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class DirHashSpec
{
    [TestMethod]
    public void HashGoMod_WithReferenceBodies_MatchesGoSum()
    {
        // fetch.go emptyGoModHash and go-proxy-protocol.md section 6.7 reference values.
        Assert.AreEqual("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", DirHash.HashGoMod([]));
        Assert.AreEqual("h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=", DirHash.HashGoMod(Encoding.UTF8.GetBytes("module example.com/m\n")));
        Assert.AreEqual("h1:4skn8l0N017PMKb5NglblaMgDDll3WXfyNx9HQ0LHiY=", DirHash.HashGoMod(Encoding.UTF8.GetBytes("module example.com/m")));
    }

    [TestMethod]
    public void Hash1_WithEmptyList_IsHashOfNothing()
    {
        Assert.AreEqual("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", DirHash.Hash1(Array.Empty<(string, byte[])>()));
    }

    [TestMethod]
    public void Hash1_WithUnsortedInput_SortsByUtf8Bytes()
    {
        var a = DirHash.Hash1([("b", [1]), ("a", [2]), ("\uff5e", [3]), ("\U0001F600", [4])]);
        var b = DirHash.Hash1([("\U0001F600", [4]), ("a", [2]), ("\uff5e", [3]), ("b", [1])]);
        Assert.AreEqual(a, b);
    }

    [TestMethod]
    public void Hash1_WithNewlineInName_ReturnsNull()
    {
        Assert.IsNull(DirHash.Hash1([("a\nb", Array.Empty<byte>())]));
    }

    [TestMethod]
    public void HashZipFile_OfThousandsOfEntriesOnSeveralThreads_IsHashZip()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
                for (var i = 0; i < 3000; i++)
                {
                    // Names out of byte order and duplicated once: the summary sorts them and keeps both, as dirhash does.
                    using var w = new StreamWriter(zip.CreateEntry($"m@v1.0.0/d{i % 7}/f{(i == 2999 ? 0 : i)}.go").Open());
                    w.Write(new string((char)('a' + i % 26), i % 500));
                }
            string expected;
            using (var read = File.OpenRead(path)) expected = DirHash.HashZip(read)!;
            Assert.AreEqual(expected, DirHash.HashZipFile(path, workers: 4));
            Assert.AreEqual(expected, DirHash.HashZipFile(path, workers: 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void HashZipFile_OfAnEmptyOrDamagedFile_ThrowsInvalidData()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.ThrowsExactly<InvalidDataException>(() => DirHash.HashZipFile(path, workers: 2));
            using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
                for (var i = 0; i < 600; i++)
                {
                    using var w = new StreamWriter(zip.CreateEntry($"m@v1.0.0/f{i}.go").Open());
                    w.Write(new string('x', 4000));
                }
            // Damage the compressed data of entries in the middle (past the first local header, before the directory).
            var bytes = File.ReadAllBytes(path);
            for (var i = bytes.Length / 3; i < bytes.Length / 2; i++) bytes[i] ^= 0x5a;
            File.WriteAllBytes(path, bytes);
            Assert.ThrowsExactly<InvalidDataException>(() => DirHash.HashZipFile(path, workers: 2));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
