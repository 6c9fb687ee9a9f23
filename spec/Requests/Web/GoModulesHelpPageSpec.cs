using System.Net;
using System.Text.RegularExpressions;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// /help/go_modules gives the line users set go up with. With pull-through on (an upstream, or offline with a
/// cache), the instance and group lines are the endpoint alone (no public proxy, no direct) with GONOSUMDB for the
/// module host and GOSUMDB left at its default; with it off, go goes on to the public proxy and then direct. A
/// project's own endpoint never pulls through, so its line keeps the fallbacks either way.
/// </summary>
[TestClass]
public sealed partial class GoModulesHelpPageSpec : RequestSpec
{
    private const string Instance = "http://gitlab.example.com/api/v4/packages/go";

    private static async Task<string> HelpPageAsync(WebApplicationFactory<Program> app)
    {
        await CreateUserAsync("dev");
        var session = await WebSession.SignInAsync(app, "dev", "password-123456");
        var response = await session.Http.GetAsync("/help/go_modules");
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, html);
        return html;
    }

    private static string Pre(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<pre class=\"copy\" id=\"{id}\">([^<]*)</pre>") is { Success: true } m ? m.Groups[1].Value : throw new AssertFailedException($"no #{id} in the page"));

    [TestMethod]
    public async Task PullThroughOn_GivesTheSingleLineSetup()
    {
        using var on = Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:GoProxy:Upstreams:0", "https://goproxy.internal.example"));
        var html = await HelpPageAsync(on);

        Assert.AreEqual($"go env -w GOPROXY={Instance} GONOSUMDB=gitlab.example.com", Pre(html, "go-env-line"));
        var group = Pre(html, "group-go-env-line");
        Assert.AreEqual("go env -w GOPROXY=http://gitlab.example.com/api/v4/groups/<group ID or URL-encoded full path>/-/packages/go GONOSUMDB=gitlab.example.com", group);
        Assert.DoesNotContain("GOSUMDB=", html.Replace("GONOSUMDB=", ""), "GOSUMDB stays at its default: this instance proxies it");
        Assert.DoesNotContain("proxy.golang.org", Pre(html, "go-env-line") + group);
        Assert.DoesNotContain("direct", Pre(html, "go-env-line") + group);
        StringAssert.Contains(html, "id=\"pull-through-note\"");
        Assert.DoesNotContain("id=\"public-proxy-note\"", html);
    }

    [TestMethod]
    public async Task OfflineWithoutUpstreams_StillPullsThroughFromTheCache()
    {
        using var offline = Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:GoProxy:Offline", "true"));
        Assert.AreEqual($"go env -w GOPROXY={Instance} GONOSUMDB=gitlab.example.com", Pre(await HelpPageAsync(offline), "go-env-line"));
    }

    [TestMethod]
    public async Task PullThroughOff_FallsBackToThePublicProxyThenDirect()
    {
        // The specs' configuration turns pull-through off (no upstream).
        var html = await HelpPageAsync(Factory);

        Assert.AreEqual($"go env -w GOPROXY={Instance},https://proxy.golang.org,direct GONOSUMDB=gitlab.example.com", Pre(html, "go-env-line"));
        StringAssert.EndsWith(Pre(html, "group-go-env-line"), "/-/packages/go,https://proxy.golang.org,direct GONOSUMDB=gitlab.example.com");
        StringAssert.Contains(html, "id=\"public-proxy-note\"");
        Assert.DoesNotContain("id=\"pull-through-note\"", html);
    }
}
