using System.Text;
using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class ModuleZipRulesSpec
{
    private static ModuleFileEntry File(string path, string content = "x") => ModuleFileEntry.FromBytes(path, Encoding.UTF8.GetBytes(content));

    // x/mod/zip vendor_test.go style table: (name, kept before go1.24 ? , kept from go1.24 ?).
    [TestMethod]
    [DataRow("vendor/foo/x.go", true, true)]
    [DataRow("pkg/vendor/foo/x.go", true, true)]
    [DataRow("vendor/vendor.go", false, false)]
    [DataRow("pkg/vendor/vendor.go", true, false)]
    [DataRow("longpackagename/vendor/vendor.go", true, false)]
    [DataRow("vendor/modules.txt", false, true)]
    [DataRow("x/vendor.go", false, false)]
    [DataRow("a/b/vendor/c/d.go", true, true)]
    public void IsVendoredPackage_WithGoVersion_AppliesGo124Rules(string name, bool before124, bool from124)
    {
        Assert.AreEqual(before124, ModuleZipRules.IsVendoredPackage(name, "go1.23"));
        Assert.AreEqual(before124, ModuleZipRules.IsVendoredPackage(name, ""));
        Assert.AreEqual(from124, ModuleZipRules.IsVendoredPackage(name, "go1.24"));
        Assert.AreEqual(from124, ModuleZipRules.IsVendoredPackage(name, "go1.25"));
    }

    [TestMethod]
    public void CheckFiles_WithSymlinkAndSubmodule_OmitsThem()
    {
        var cf = ModuleZipRules.CheckFiles([File("a.go"), ModuleFileEntry.Symlink("link.go"), ModuleFileEntry.Submodule("third_party/lib")]);
        Assert.IsTrue(cf.IsValid);
        CollectionAssert.AreEqual(new[] { "a.go" }, cf.Valid.Select(f => f.Path).ToArray());
        CollectionAssert.AreEqual(new[] { "link.go: file is a symbolic link", "third_party/lib: not a regular file" }, cf.Omitted.Select(e => e.ToString()).ToArray());
    }

    [TestMethod]
    public void CheckFiles_WithSymlinkCollidingWithFile_IsInvalid()
    {
        var cf = ModuleZipRules.CheckFiles([File("a.go"), ModuleFileEntry.Symlink("A.go")]);
        Assert.AreEqual("A.go: case-insensitive file name collision: \"a.go\" and \"A.go\"", cf.Error);
    }

    [TestMethod]
    public void CheckFiles_WithOversizedGoModOrLicense_IsInvalid()
    {
        var big = ModuleZipRules.MaxGoMod + 1;
        var cf = ModuleZipRules.CheckFiles(
        [
            new ModuleFileEntry("go.mod", big, ModuleFileKind.Regular, () => new MemoryStream()),
            new ModuleFileEntry("LICENSE", big, ModuleFileKind.Regular, () => new MemoryStream()),
            new ModuleFileEntry("sub/LICENSE", big, ModuleFileKind.Regular, () => new MemoryStream()),
        ]);
        CollectionAssert.AreEqual(new[] { "go.mod", "LICENSE" }, cf.Invalid.Select(e => e.Path).ToArray());
        StringAssert.Contains(cf.Invalid[0].Reason, "go.mod file too large (max size is 16777216 bytes)");
        Assert.AreEqual("sub/LICENSE", cf.Valid.Single().Path);
    }

    [TestMethod]
    public void CheckFiles_WithTreeOverFiveHundredMiB_HasSizeError()
    {
        var half = ModuleZipRules.MaxZipFile / 2;
        var cf = ModuleZipRules.CheckFiles(
        [
            new ModuleFileEntry("a.bin", half, ModuleFileKind.Regular, () => new MemoryStream()),
            new ModuleFileEntry("b.bin", half, ModuleFileKind.Regular, () => new MemoryStream()),
            new ModuleFileEntry("c.bin", 1, ModuleFileKind.Regular, () => new MemoryStream()),
        ]);
        StringAssert.Contains(cf.Error, "module source tree too large");
    }

    [TestMethod]
    public void CheckFiles_WithWindowsReservedName_IsInvalid()
    {
        var cf = ModuleZipRules.CheckFiles([File("aux.go"), File("ok.go")]);
        Assert.AreEqual("aux.go: malformed file path \"aux.go\": \"aux\" disallowed as path element component on Windows", cf.Error);
    }

    [TestMethod]
    public void CheckFiles_WithAbsoluteOrUncleanPath_IsInvalid()
    {
        var cf = ModuleZipRules.CheckFiles([File("/abs.go"), File("./x.go"), File("a//b.go")]);
        CollectionAssert.AreEqual(
            new[] { "/abs.go: file path is not relative", "./x.go: file path is not clean", "a//b.go: file path is not clean" },
            cf.Invalid.Select(e => e.ToString()).ToArray());
    }

    [TestMethod]
    public void ModuleZipWriter_WithFileLongerThanDeclared_Fails()
    {
        var lying = new ModuleFileEntry("a.go", 1, ModuleFileKind.Regular, () => new MemoryStream(Encoding.UTF8.GetBytes("package a")));
        var result = ModuleZipWriter.Create(new MemoryStream(), "example.com/m", "v1.0.0", [lying]);
        Assert.AreEqual("create zip: file \"a.go\" is larger than declared size", result.Error);
    }

    [TestMethod]
    [DataRow("", false)]
    [DataRow("sub", true)]
    [DataRow("v2", true)]
    public void NeedsRootLicenseCopy_WithoutLicense_DependsOnSubdir(string subdir, bool expected)
    {
        Assert.AreEqual(expected, ModuleZipRules.NeedsRootLicenseCopy(subdir, [File("a.go"), File("docs/LICENSE"), File("LICENSE.md")]));
    }

    [TestMethod]
    public void NeedsRootLicenseCopy_WithOwnLicenseOrLicenseSymlink_IsFalse()
    {
        Assert.IsFalse(ModuleZipRules.NeedsRootLicenseCopy("sub", [File("LICENSE")]));
        Assert.IsFalse(ModuleZipRules.NeedsRootLicenseCopy("sub", [ModuleFileEntry.Symlink("LICENSE")]));
        Assert.IsTrue(ModuleZipRules.NeedsRootLicenseCopy("sub", [ModuleFileEntry.Directory("LICENSE")]));
    }

    [TestMethod]
    [DataRow("a/b/../c", "a/c")]
    [DataRow("", ".")]
    [DataRow("a/", "a")]
    [DataRow("/../a", "/a")]
    [DataRow("../a", "../a")]
    public void CleanPath_WithPath_MatchesGoPathClean(string p, string clean)
    {
        Assert.AreEqual(clean, ModuleZipRules.CleanPath(p));
    }
}
