using GitLabLite.Golang;

namespace GitLabLite.Spec.Lib.Golang;

[TestClass]
public sealed class CaseEncodingSpec
{
    [TestMethod]
    [DataRow("github.com/Azure/azure-sdk-for-go", "github.com/!azure/azure-sdk-for-go")]
    [DataRow("github.com/GoogleCloudPlatform/cloudsql-proxy", "github.com/!google!cloud!platform/cloudsql-proxy")]
    [DataRow("github.com/Sirupsen/logrus", "github.com/!sirupsen/logrus")]
    [DataRow("example.com/m", "example.com/m")]
    public void EscapePath_WithUpperCase_UsesBangLowercase(string path, string escaped)
    {
        Assert.AreEqual(escaped, CaseEncoding.EscapePath(path));
        Assert.AreEqual(path, CaseEncoding.UnescapePath(escaped));
    }

    [TestMethod]
    [DataRow("v1.0.0-RC1", "v1.0.0-!r!c1")]
    [DataRow("v1.2.3", "v1.2.3")]
    [DataRow("v2.0.0+incompatible", "v2.0.0+incompatible")]
    [DataRow("masterBranch", "master!branch")]
    public void EscapeVersion_WithUpperCase_UsesBangLowercase(string version, string escaped)
    {
        Assert.AreEqual(escaped, CaseEncoding.EscapeVersion(version));
        Assert.AreEqual(version, CaseEncoding.UnescapeVersion(escaped));
    }

    [TestMethod]
    [DataRow("github.com/Azure")] // literal upper case: each path has exactly one spelling
    [DataRow("github.com/!")] // trailing bang
    [DataRow("github.com/!1")] // bang not followed by a-z
    [DataRow("github.com/!!x")]
    [DataRow("github.com/\u00e9")] // non-ASCII
    [DataRow("cache")] // decodes but fails CheckPath
    [DataRow("github.com/x/v1")]
    public void UnescapePath_WithBadEscape_ReturnsNull(string escaped)
    {
        Assert.IsNull(CaseEncoding.UnescapePath(escaped));
    }

    [TestMethod]
    [DataRow("v1.0.0-RC1")]
    [DataRow("v1.0.0-!")]
    [DataRow("v1.0.0/x")]
    [DataRow("v1.0.0:x")]
    public void UnescapeVersion_WithBadEscape_ReturnsNull(string escaped)
    {
        Assert.IsNull(CaseEncoding.UnescapeVersion(escaped));
    }

    [TestMethod]
    [DataRow("v1.0.0!")]
    [DataRow("v1.0.0/x")]
    [DataRow("")]
    [DataRow("..")]
    [DataRow("v1.\u00e9")] // file-path valid letter but not ASCII: escaping is ASCII only
    public void EscapeVersion_WithDisallowedVersion_ReturnsNull(string version)
    {
        Assert.IsNull(CaseEncoding.EscapeVersion(version));
    }

    [TestMethod]
    public void EscapePath_WithInvalidPath_ReturnsNull()
    {
        Assert.IsNull(CaseEncoding.EscapePath("Github.com/x"));
        Assert.IsNull(CaseEncoding.EscapePath("example.com/x!y"));
    }
}
