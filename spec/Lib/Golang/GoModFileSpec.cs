using System.Text;
using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class GoModFileSpec
{
    private static GoModFile Parse(string text) => GoModFile.Parse(Encoding.UTF8.GetBytes(text));

    [TestMethod]
    [DataRow("module example.com/m\n", "example.com/m", null)]
    [DataRow("module example.com/m", "example.com/m", null)]
    [DataRow("module \"example.com/m\"\n", "example.com/m", null)]
    [DataRow("module `example.com/m`\n", "example.com/m", null)]
    [DataRow("// leading comment\r\nmodule example.com/m // trailing\r\n\r\ngo 1.21\r\n", "example.com/m", "1.21")]
    [DataRow("go 1.22.3\nrequire example.com/x v1.0.0\nmodule example.com/late\n", "example.com/late", "1.22.3")]
    [DataRow("module (\n\texample.com/block\n)\ngo 1.20rc1\n", "example.com/block", "1.20rc1")]
    [DataRow("module example.com/m\nrequire (\n\texample.com/a v1.2.3 // indirect\n\texample.com/b/v2 v2.0.0\n)\nreplace example.com/a => ../a\ntoolchain go1.22.1\n", "example.com/m", null)]
    [DataRow("module example.com/m\ngo 1.21.x\n", "example.com/m", "1.21")] // ParseLax repairs the go version
    [DataRow("go 1.24\n", null, "1.24")]
    [DataRow("module example.com/m\nmodules.txt is excluded in 1.24+. See golang.org/issue/63395\n", "example.com/m", null)] // unknown verbs ignored
    public void Parse_WithValidFile_ExtractsModuleAndGo(string text, string? module, string? go)
    {
        var f = Parse(text);
        Assert.IsNull(f.Error, f.Error);
        Assert.AreEqual(module, f.ModulePath);
        Assert.AreEqual(go, f.GoVersion);
    }

    [TestMethod]
    [DataRow("module\n", "usage: module module/path")]
    [DataRow("module a.b/c d.e/f\n", "usage: module module/path")]
    [DataRow("module a.b/c\nmodule a.b/d\n", "repeated module statement")]
    [DataRow("module \"a.b/c\n", "unexpected newline in string")]
    [DataRow("module \"a\\qb\"\n", "invalid quoted string")]
    [DataRow("/* c */ module a.b/c\n", "// comments")]
    [DataRow("module a.b/c\ngo 1.21\ngo 1.22\n", "repeated go statement")]
    [DataRow("module a.b/c\ngo banana\n", "invalid go version")]
    [DataRow("module a.b/c\nrequire example.com/x\n", "usage: require")]
    [DataRow("module a.b/c\nrequire example.com/x latest\n", "must be of the form v1.2.3")]
    [DataRow("module a.b/c\nrequire example.com/x v2.0.0\n", "should be v0 or v1")]
    [DataRow("module (\n\ta.b/c\n", "unterminated block")]
    [DataRow("\ufeffmodule a.b/c\n", "unexpected input character")]
    public void Parse_WithMalformedFile_ReportsError(string text, string reason)
    {
        StringAssert.Contains(Parse(text).Error, reason);
    }

    [TestMethod]
    public void Parse_WithInvalidUtf8_ReportsError()
    {
        Assert.IsNotNull(GoModFile.Parse([(byte)'m', 0xff, (byte)'\n']).Error);
        Assert.IsNull(GoModFile.ModulePathOf([(byte)'m', 0xff]));
    }

    [TestMethod]
    [DataRow("module a.b/c\ngo 1.24\n", "go1.24")]
    [DataRow("module a.b/c\ngo 1.23.4\n", "go1.23")]
    [DataRow("module a.b/c\ngo 1.25rc1\n", "go1.25")]
    [DataRow("module a.b/c\n", "")]
    [DataRow("module a.b/c\ngo 1.24\ngo 1.25\n", "")] // does not parse: vendor rules fall back to pre-1.24
    public void ZipLanguageVersion_WithGoDirective_IsLang(string text, string lang)
    {
        Assert.AreEqual(lang, Parse(text).ZipLanguageVersion);
    }

    [TestMethod]
    public void LegacyGoMod_WithPath_IsExactlyModuleLine()
    {
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("module example.com/m\n"), GoModFile.LegacyGoMod("example.com/m"));
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("module \"a b\"\n"), GoModFile.LegacyGoMod("a b"));
        Assert.AreEqual("h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=", DirHash.HashGoMod(GoModFile.LegacyGoMod("example.com/m")));
    }
}
