using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class GoVersionSpec
{
    [TestMethod]
    [DataRow("go1.21.3", "go1.21")]
    [DataRow("go1.22rc1", "go1.22")]
    [DataRow("go1.24", "go1.24")]
    [DataRow("go1", "go1")]
    [DataRow("go1.0", "go1")]
    [DataRow("1.21", "")]
    [DataRow("go1.21.x", "")]
    public void Lang_WithVersion_DropsPatchAndPrerelease(string v, string lang)
    {
        Assert.AreEqual(lang, GoVersion.Lang(v));
    }

    [TestMethod]
    public void Compare_WithOrderedVersions_FollowsGoOrder()
    {
        string[] ordered = ["", "go1", "go1.21", "go1.21rc1", "go1.21rc2", "go1.21.0", "go1.21.3", "go1.23", "go1.24", "go1.24.1", "go1.100"];
        for (var i = 0; i < ordered.Length; i++)
        {
            for (var j = 0; j < ordered.Length; j++)
            {
                Assert.AreEqual(i.CompareTo(j), GoVersion.Compare(ordered[i], ordered[j]), $"{ordered[i]} vs {ordered[j]}");
            }
        }
    }
}
