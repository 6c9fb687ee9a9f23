using GitLabLite.Initializers;

namespace GitLabLite.Spec.Initializers;

[TestClass]
public sealed class GoProxyOptionsValidatorSpec
{
    private const string SumGolangKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    private static GoProxyOptions Options(string[]? upstreams = null, string name = "sum.golang.org", string key = SumGolangKey, string url = "https://sum.golang.org") => new()
    {
        Upstreams = [.. upstreams ?? ["https://proxy.golang.org"]],
        SumDb = new GoProxySumDbOptions { Name = name, Key = key, Url = url },
    };

    [TestMethod]
    public void Validate_Defaults_Succeed() => Assert.IsTrue(new GoProxyOptionsValidator().Validate(null, Options()).Succeeded);

    [TestMethod]
    public void Validate_EmptyUpstreamEntries_TurnPullThroughOff()
    {
        var options = Options(["", " "]);
        Assert.IsTrue(new GoProxyOptionsValidator().Validate(null, options).Succeeded);
        Assert.IsEmpty(options.EffectiveUpstreams);
    }

    [TestMethod]
    [DataRow("ftp://proxy.example.com", "sum.golang.org", SumGolangKey, "https://sum.golang.org", "Upstreams")]
    [DataRow("https://proxy.golang.org", "sum.golang.org", "sum.golang.org+033de0ae+AAAA", "https://sum.golang.org", "SumDb:Key")]
    [DataRow("https://proxy.golang.org", "sum.example.com", SumGolangKey, "https://sum.golang.org", "not of SumDb:Name")]
    [DataRow("https://proxy.golang.org", "sum.golang.org", SumGolangKey, "sum.golang.org", "SumDb:Url")]
    public void Validate_WithUnusableSettings_RefusesToStart(string upstream, string name, string key, string url, string reason)
    {
        var result = new GoProxyOptionsValidator().Validate(null, Options([upstream], name, key, url));
        Assert.IsTrue(result.Failed);
        StringAssert.Contains(result.FailureMessage, reason);
    }
}
