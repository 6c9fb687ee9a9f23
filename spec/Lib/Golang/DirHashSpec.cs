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
}
