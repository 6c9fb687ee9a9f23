using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class PseudoVersionSpec
{
    private static readonly DateTime T = new(2018, 7, 17, 16, 39, 17, DateTimeKind.Utc);

    // x/mod/module pseudo_test.go table: (major, older, version).
    [TestMethod]
    [DataRow("", "", "v0.0.0-20180717163917-abcdefabcdef")]
    [DataRow("v2", "", "v2.0.0-20180717163917-abcdefabcdef")]
    [DataRow("", "v0.1.0", "v0.1.1-0.20180717163917-abcdefabcdef")]
    [DataRow("", "v1.2.3", "v1.2.4-0.20180717163917-abcdefabcdef")]
    [DataRow("", "v1.2.99999999999999999", "v1.2.100000000000000000-0.20180717163917-abcdefabcdef")]
    [DataRow("", "v1.2.9", "v1.2.10-0.20180717163917-abcdefabcdef")]
    [DataRow("", "v1.2.3-pre", "v1.2.3-pre.0.20180717163917-abcdefabcdef")]
    [DataRow("", "v1.3.0-pre", "v1.3.0-pre.0.20180717163917-abcdefabcdef")]
    [DataRow("", "v0.0.0--", "v0.0.0--.0.20180717163917-abcdefabcdef")]
    [DataRow("v1", "v1.0.0", "v1.0.1-0.20180717163917-abcdefabcdef")]
    [DataRow("v1", "v0.0.0", "v0.0.1-0.20180717163917-abcdefabcdef")]
    [DataRow("v2", "v2.3.4+incompatible", "v2.3.5-0.20180717163917-abcdefabcdef+incompatible")]
    [DataRow("v2", "v2.3.4-pre+incompatible", "v2.3.4-pre.0.20180717163917-abcdefabcdef+incompatible")]
    public void Build_WithBase_ProducesGoForm(string major, string older, string want)
    {
        var v = PseudoVersion.Build(major, older, T, "abcdefabcdef");
        Assert.AreEqual(want, v);
        Assert.IsTrue(PseudoVersion.IsPseudoVersion(v));
        Assert.AreEqual(T, PseudoVersion.Time(v));
        Assert.AreEqual("abcdefabcdef", PseudoVersion.Rev(v));
        var wantBase = older.Length == 0 ? "" : Semver.Canonical(older) + Semver.Build(older);
        Assert.AreEqual(wantBase, PseudoVersion.BaseVersion(v));
        Assert.IsNull(PseudoVersion.Validate(v));
    }

    [TestMethod]
    public void Build_WithLocalTime_ConvertsToUtc()
    {
        var local = new DateTimeOffset(2018, 7, 17, 18, 39, 17, TimeSpan.FromHours(2));
        Assert.AreEqual("v0.0.0-20180717163917-abcdefabcdef", PseudoVersion.Build("", null, local, "abcdefabcdef"));
    }

    [TestMethod]
    [DataRow("v1.0.0")]
    [DataRow("v1.0.0-pre")]
    [DataRow("v1.2.3-20180717163917-abcdefabcdef")] // single dash form needs X.0.0
    [DataRow("v0.0.0-2018071716391-abcdefabcdef")] // 13-digit timestamp
    [DataRow("v1.2.3-0.20180717163917")]
    [DataRow("v1.2.3-0.20180717163917-abcdefabcdef+meta.")]
    public void IsPseudoVersion_WithNonPseudo_ReturnsFalse(string v)
    {
        Assert.IsFalse(PseudoVersion.IsPseudoVersion(v));
        Assert.IsNull(PseudoVersion.Parse(v));
        Assert.IsNull(PseudoVersion.BaseVersion(v));
    }

    [TestMethod]
    public void BaseVersion_WithInconsistentForms_ReturnsNull()
    {
        // Form (1) with +incompatible has no base but claims an incompatible one.
        Assert.IsNull(PseudoVersion.BaseVersion("v2.0.0-20180717163917-abcdefabcdef+incompatible"));
        // vX.Y.0-0.… would need a negative patch.
        Assert.IsNull(PseudoVersion.BaseVersion("v1.2.0-0.20180717163917-abcdefabcdef"));
        Assert.AreEqual("v1.1.9", PseudoVersion.BaseVersion("v1.1.10-0.20180717163917-abcdefabcdef"));
        Assert.AreEqual("v1.2.9", PseudoVersion.BaseVersion("v1.2.10-0.20180717163917-abcdefabcdef"));
        Assert.AreEqual("v1.9.99", PseudoVersion.BaseVersion("v1.9.100-0.20180717163917-abcdefabcdef"));
    }

    [TestMethod]
    public void Parse_WithEachForm_SplitsParts()
    {
        Assert.AreEqual(("v0.0.0", "20180717163917", "abcdefabcdef", ""), PseudoVersion.Parse("v0.0.0-20180717163917-abcdefabcdef"));
        Assert.AreEqual(("v1.2.4-0", "20180717163917", "abcdefabcdef", "+incompatible"), PseudoVersion.Parse("v1.2.4-0.20180717163917-abcdefabcdef+incompatible"));
        Assert.AreEqual(("v1.2.3-pre.0", "20180717163917", "abcdefabcdef", ""), PseudoVersion.Parse("v1.2.3-pre.0.20180717163917-abcdefabcdef"));
    }

    [TestMethod]
    [DataRow("v0.0.0-20181317163917-abcdefabcdef", "malformed time")]
    [DataRow("v0.0.0-20180717163917-ABCDEFABCDEF", "not lower-case hex")]
    [DataRow("v0.0.0-20180717163917-abcdefabcdef0", "12-character")]
    [DataRow("v0.0.0-20180717163917-abcdefabcde", "12-character")]
    [DataRow("v2.0.0-20180717163917-abcdefabcdef+incompatible", "lacks base version")]
    [DataRow("v1.2.0-0.20180717163917-abcdefabcdef", "decrement")]
    [DataRow("v1.2.4-0.20180717163917-abcdefabcdef+meta", "is not +incompatible")]
    public void Validate_WithBadParts_ExplainsReason(string v, string reason)
    {
        StringAssert.Contains(PseudoVersion.Validate(v), reason);
    }

    [TestMethod]
    public void Zero_WithMajor_IsPlaceholder()
    {
        Assert.AreEqual("v0.0.0-00010101000000-000000000000", PseudoVersion.Zero(""));
        Assert.AreEqual("v2.0.0-00010101000000-000000000000", PseudoVersion.Zero("v2"));
        Assert.IsTrue(PseudoVersion.IsZeroPseudoVersion("v2.0.0-00010101000000-000000000000"));
    }

    [TestMethod]
    public void ShortenSha1_WithFullHash_KeepsTwelve()
    {
        Assert.AreEqual("0123456789ab", PseudoVersion.ShortenSha1("0123456789abcdef0123456789abcdef01234567"));
        Assert.AreEqual("v1.0.0", PseudoVersion.ShortenSha1("v1.0.0"));
    }
}
