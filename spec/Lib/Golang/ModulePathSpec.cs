using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class ModulePathSpec
{
    [TestMethod]
    [DataRow("x.y/z")]
    [DataRow("x.y")]
    [DataRow("example.com/m/v2")]
    [DataRow("example.com/m/v10")]
    [DataRow("example.com/a-b_c~d/E.F")]
    [DataRow("gopkg.in/yaml.v2")]
    [DataRow("gopkg.in/yaml.v0")]
    [DataRow("gopkg.in/user/pkg.v3-unstable")]
    [DataRow("github.com/user/repo.v1x")] // not a numeric major suffix
    [DataRow("gitlab.example.com/group/sub/sub2/project/dir/v2")]
    public void CheckPath_WithValidModulePath_ReturnsNull(string path)
    {
        Assert.IsNull(ModulePath.CheckPath(path));
        Assert.IsTrue(ModulePath.IsValid(path));
    }

    [TestMethod]
    [DataRow("", "empty string")]
    [DataRow("cache", "missing dot in first path element")]
    [DataRow("localhost/x", "missing dot in first path element")]
    [DataRow("/x.y/z", "empty path element")] // checkPath runs before the leading-slash rule
    [DataRow("-x.y/z", "leading dash")]
    [DataRow("x.y/z/", "trailing slash")]
    [DataRow("x.y//z", "double slash")]
    [DataRow("x.y/../z", "invalid path element \"..\"")]
    [DataRow("x.y/.z", "leading dot in path element")]
    [DataRow("x.y/z.", "trailing dot in path element")]
    [DataRow("X.y/z", "invalid char 'X' in first path element")]
    [DataRow("x_y.com/z", "invalid char '_' in first path element")]
    [DataRow("x.y/z+w", "invalid char '+'")]
    [DataRow("x.y/z w", "invalid char ' '")]
    [DataRow("x.y/\u00e9", "invalid char '\u00e9'")]
    [DataRow("x.y/con", "\"con\" disallowed as path element component on Windows")]
    [DataRow("x.y/LPT1.go", "\"LPT1\" disallowed as path element component on Windows")]
    [DataRow("x.y/EXAMPL~1", "trailing tilde and digits in path element")]
    [DataRow("x.y/z/v1", "invalid version")]
    [DataRow("x.y/z/v0", "invalid version")]
    [DataRow("x.y/z/v01", "invalid version")]
    [DataRow("x.y/z/v1.2", "invalid version")]
    [DataRow("gopkg.in/yaml", "invalid version")]
    [DataRow("gopkg.in/yaml.v01", "invalid version")]
    public void CheckPath_WithInvalidModulePath_ReportsReason(string path, string reason)
    {
        var err = ModulePath.CheckPath(path);
        Assert.IsNotNull(err);
        StringAssert.StartsWith(err, "malformed module path ");
        StringAssert.EndsWith(err, ": " + reason);
    }

    [TestMethod]
    public void CheckPath_WithInvalidUtf8_QuotesBytesLikeGo()
    {
        Assert.AreEqual("malformed module path \"\\xff\": invalid UTF-8", ModulePath.CheckPath(GoString.DecodeUtf8([0xff])));
    }

    [TestMethod]
    [DataRow("x.y/z+w")]
    [DataRow("x.y/.z")] // leading dot only forbidden for module paths
    public void CheckImportPath_WithImportOnlyRules_Accepts(string path)
    {
        Assert.IsNull(ModulePath.CheckImportPath(path));
    }

    [TestMethod]
    [DataRow("a.go")]
    [DataRow("-a.go")]
    [DataRow(".gitignore")]
    [DataRow("dir/sub dir/f (1).txt")]
    [DataRow("!#$%&()+,-.=@[]^_{}~ ")]
    [DataRow("\u00e9t\u00e9.txt")]
    [DataRow("EXAMPL~1.txt")]
    public void CheckFilePath_WithValidFilePath_ReturnsNull(string path)
    {
        Assert.IsNull(ModulePath.CheckFilePath(path));
    }

    [TestMethod]
    [DataRow("bad.go'", "malformed file path \"bad.go'\": invalid char '\\''")]
    [DataRow("a/aux.go", "malformed file path \"a/aux.go\": \"aux\" disallowed as path element component on Windows")]
    [DataRow("a:b", "malformed file path \"a:b\": invalid char ':'")]
    [DataRow("a?", "malformed file path \"a?\": invalid char '?'")]
    [DataRow("a\\b", "malformed file path \"a\\\\b\": invalid char '\\\\'")]
    [DataRow("x.", "malformed file path \"x.\": trailing dot in path element")]
    [DataRow("a\tb", "malformed file path \"a\\tb\": invalid char '\\t'")]
    public void CheckFilePath_WithBadName_ReportsGoMessage(string path, string message)
    {
        Assert.AreEqual(message, ModulePath.CheckFilePath(path));
    }

    [TestMethod]
    [DataRow("example.com/m", "example.com/m", "")]
    [DataRow("example.com/m/v2", "example.com/m", "/v2")]
    [DataRow("gopkg.in/yaml.v2", "gopkg.in/yaml", ".v2")]
    [DataRow("gopkg.in/check.v1-unstable", "gopkg.in/check", ".v1-unstable")]
    [DataRow("example.com/v2", "example.com", "/v2")]
    public void SplitPathVersion_WithMajorSuffix_Splits(string path, string prefix, string pathMajor)
    {
        Assert.AreEqual((prefix, pathMajor), ModulePath.SplitPathVersion(path));
    }

    [TestMethod]
    [DataRow("example.com/m/v1")]
    [DataRow("example.com/m/v1.2")]
    [DataRow("gopkg.in/yaml")]
    public void SplitPathVersion_WithBadSuffix_ReturnsNull(string path)
    {
        Assert.IsNull(ModulePath.SplitPathVersion(path));
    }

    [TestMethod]
    [DataRow("v1.2.3", "", true)]
    [DataRow("v0.1.0", "", true)]
    [DataRow("v2.0.0", "", false)]
    [DataRow("v2.0.0+incompatible", "", true)]
    [DataRow("v2.0.0", "/v2", true)]
    [DataRow("v3.0.0", "/v2", false)]
    [DataRow("v1.0.0", "/v2", false)]
    [DataRow("v1.5.0", ".v1", true)]
    [DataRow("v0.0.0-20161208181325-20d25e280405", ".v1", true)]
    [DataRow("v2.0.0", ".v2-unstable", true)]
    [DataRow("v0.1.0", ".v0", true)]
    public void CheckPathMajor_WithVersion_MatchesGo(string v, string pathMajor, bool ok)
    {
        Assert.AreEqual(ok, ModulePath.CheckPathMajor(v, pathMajor) is null);
        Assert.AreEqual(ok, ModulePath.MatchPathMajor(v, pathMajor));
    }

    [TestMethod]
    public void CheckPathMajor_WithMismatch_ExplainsLikeGo()
    {
        Assert.AreEqual("invalid version: should be v0 or v1, not v2", ModulePath.CheckPathMajor("v2.0.0", ""));
        Assert.AreEqual("invalid version: should be v2, not v3", ModulePath.CheckPathMajor("v3.0.0", "/v2"));
    }

    [TestMethod]
    [DataRow("/v2", true)]
    [DataRow("/v10", true)]
    [DataRow(".v0", true)]
    [DataRow(".v1-unstable", true)]
    [DataRow("/v1", false)]
    [DataRow("/v02", false)]
    [DataRow("v2", false)]
    [DataRow("", false)]
    public void IsMajorSuffix_WithSuffix_MatchesSplitRules(string suffix, bool expected)
    {
        Assert.AreEqual(expected, ModulePath.IsMajorSuffix(suffix));
    }

    [TestMethod]
    public void PathMajorPrefix_WithSuffix_ReturnsMajor()
    {
        Assert.AreEqual("v2", ModulePath.PathMajorPrefix("/v2"));
        Assert.AreEqual("v1", ModulePath.PathMajorPrefix(".v1-unstable"));
        Assert.AreEqual("", ModulePath.PathMajorPrefix(""));
    }

    [TestMethod]
    public void ModuleVersionCheck_WithPathAndVersion_MatchesModuleCheck()
    {
        Assert.IsNull(ModuleVersionRules.Check("example.com/m/v2", "v2.1.0"));
        StringAssert.Contains(ModuleVersionRules.Check("example.com/m", "v2.0.0"), "invalid version: should be v0 or v1, not v2");
        StringAssert.Contains(ModuleVersionRules.Check("example.com/m", "1.0.0"), "not a semantic version");
        Assert.AreEqual("version \"v1.0.0+bad\" is not canonical (should be \"v1.0.0\")", ModuleVersionRules.CheckZipModuleVersion("example.com/m", "v1.0.0+bad"));
        Assert.IsNull(ModuleVersionRules.CheckZipModuleVersion("example.com/m", "v4.1.2+incompatible"));
    }
}
