using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class SemverSpec
{
    // Ascending precedence; adjacent entries in one group compare equal (x/mod/semver semver_test.go style).
    private static readonly string[][] Ordered =
    [
        ["bad", "v", "v-1", "v1.2.3.4", "1.2.3", "v01.0.0", "v1.01.0", "v1.0.0-01", "v1.0.0-", "v1.0.0+", "v1-pre", "v1.2+meta", "v1.0.0-a..b"],
        ["v0.0.0"],
        ["v0.0.1"],
        ["v0.1.0"],
        ["v1.0.0-alpha"],
        ["v1.0.0-alpha.1"],
        ["v1.0.0-alpha.beta"],
        ["v1.0.0-beta"],
        ["v1.0.0-beta.2"],
        ["v1.0.0-beta.11"],
        ["v1.0.0-rc.1"],
        ["v1", "v1.0", "v1.0.0", "v1.0.0+build", "v1.0.0+incompatible"],
        ["v1.2"],
        ["v1.2.3"],
        ["v1.10.0"],
        ["v2.0.0-0.20200101000000-abcdefabcdef"],
        ["v2.0.0"],
        ["v10.0.0"],
        ["v99999999999999999999.0.0"],
    ];

    [TestMethod]
    public void Compare_WithOrderedTable_FollowsSemverPrecedence()
    {
        for (var i = 0; i < Ordered.Length; i++)
        {
            for (var j = 0; j < Ordered.Length; j++)
            {
                foreach (var v in Ordered[i])
                {
                    foreach (var w in Ordered[j])
                    {
                        var want = i.CompareTo(j);
                        Assert.AreEqual(want, Semver.Compare(v, w), $"Compare({v}, {w})");
                    }
                }
            }
        }
    }

    [TestMethod]
    [DataRow("v1.2.3", "v1.2.3")]
    [DataRow("v1.2", "v1.2.0")]
    [DataRow("v1", "v1.0.0")]
    [DataRow("v1.2.3+meta", "v1.2.3")]
    [DataRow("v1.2.3-pre+meta", "v1.2.3-pre")]
    [DataRow("v1.0.0-01", "")]
    [DataRow("v1-pre", "")]
    [DataRow("1.2.3", "")]
    [DataRow("v1.0.0-0", "v1.0.0-0")]
    public void Canonical_WithVersion_NormalizesLikeGo(string v, string canonical)
    {
        Assert.AreEqual(canonical, Semver.Canonical(v));
        Assert.AreEqual(canonical.Length > 0, Semver.IsValid(v));
    }

    [TestMethod]
    public void Parts_WithFullVersion_AreExtracted()
    {
        const string v = "v2.3.4-rc.1+build.5";
        Assert.AreEqual("v2", Semver.Major(v));
        Assert.AreEqual("v2.3", Semver.MajorMinor(v));
        Assert.AreEqual("-rc.1", Semver.Prerelease(v));
        Assert.AreEqual("+build.5", Semver.Build(v));
        Assert.AreEqual("", Semver.Major("junk"));
    }

    [TestMethod]
    public void ModuleCanonical_WithIncompatible_KeepsSuffix()
    {
        Assert.AreEqual("v4.1.2+incompatible", ModuleVersionRules.Canonical("v4.1.2+incompatible"));
        Assert.AreEqual("", ModuleVersionRules.Canonical("v4.1+incompatible")); // short forms cannot carry a build suffix
        Assert.AreEqual("v1.0.0", ModuleVersionRules.Canonical("v1.0.0+meta"));
        Assert.IsTrue(ModuleVersionRules.IsCanonical("v2.0.0+incompatible"));
        Assert.IsFalse(ModuleVersionRules.IsCanonical("v1.2"));
    }

    [TestMethod]
    public void Sort_WithMixedList_OrdersLikeGoListSort()
    {
        var sorted = Semver.Sort(["v1.10.0", "v1.2.0", "v1.0.0-rc.1", "v1.0.0", "v2.0.0+incompatible", "junk", "v1.2", "v0.9.0"]);
        CollectionAssert.AreEqual(new[] { "junk", "v0.9.0", "v1.0.0-rc.1", "v1.0.0", "v1.2", "v1.2.0", "v1.10.0", "v2.0.0+incompatible" }, sorted);
    }
}
