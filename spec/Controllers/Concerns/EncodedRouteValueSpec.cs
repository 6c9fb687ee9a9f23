using GitLabLite.Controllers.Concerns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GitLabLite.Spec.Controllers.Concerns;

/// <summary>
/// Kestrel passes the raw request target along (the in-process test server does not), so decoding from it is
/// checked here with the values Kestrel hands over: Path keeps %2F and has every other escape decoded.
/// </summary>
[TestClass]
public sealed class EncodedRouteValueSpec
{
    private static HttpContext Request(string rawTarget, string decodedPath)
    {
        var http = new DefaultHttpContext();
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        http.Request.Path = new PathString(decodedPath);
        return http;
    }

    [TestMethod]
    [DataRow("/api/v4/projects/group%2Fsub%2Fproj?x=1", "/api/v4/projects/group%2Fsub%2Fproj", "group%2Fsub%2Fproj", "group/sub/proj")]
    [DataRow("/api/v4/projects/group%2fproj/members/5", "/api/v4/projects/group%2fproj/members/5", "group%2fproj", "group/proj")]
    [DataRow("/api/v4/projects/g%252Fp", "/api/v4/projects/g%2Fp", "g%2Fp", "g%2Fp")]
    [DataRow("/api/v4/projects/g%2F%2e%2e%2Fp", "/api/v4/projects/g%2F..%2Fp", "g%2F..%2Fp", "")]
    [DataRow("/api/v4/projects/42", "/api/v4/projects/42", "42", "42")]
    [DataRow("/api/v4/projects/g%2F", "/api/v4/projects/g%2F", "g%2F", "")]
    public void Decode_FromRawTarget_DecodesExactlyOnce(string raw, string path, string routeValue, string expected) =>
        Assert.AreEqual(expected, EncodedRouteValue.Decode(Request(raw, path), routeValue));

    [TestMethod]
    public void Decode_WithoutRawTarget_DecodesOnlyTheKeptSlashes() =>
        Assert.AreEqual("a/b", EncodedRouteValue.Decode(Request("", "/api/v4/projects/a%2Fb"), "a%2Fb"));
}
