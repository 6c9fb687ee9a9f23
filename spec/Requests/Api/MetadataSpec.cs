using System.Net;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class MetadataSpec : RequestSpec
{
    [TestMethod]
    public async Task Version_WithoutCredentials_Returns401()
    {
        var response = await Client().GetAsync("/api/v4/version");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("401 Unauthorized", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task Version_WithToken_ReturnsVersion()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_api"]);
        var response = await Client(token).GetAsync("/api/v4/version");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains((await JsonAsync(response)).GetProperty("version").GetString(), "gitlablite");
    }

    [TestMethod]
    public async Task Version_WithUnknownToken_Returns401()
    {
        var response = await Client("glpat-notarealtokenatallxxxx").GetAsync("/api/v4/version");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task Health_ReturnsOk_AndReadinessChecksDatabaseAndStorage()
    {
        Assert.AreEqual("GitLab OK", await Client().GetStringAsync("/-/health"));
        var readiness = await Client().GetAsync("/-/readiness");
        Assert.AreEqual(HttpStatusCode.OK, readiness.StatusCode);
        Assert.AreEqual("ok", (await JsonAsync(readiness)).GetProperty("db_check")[0].GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task UnknownApiRoute_Returns404Json()
    {
        var response = await Client().GetAsync("/api/v4/nothing/here");
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("404 Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
    }
}
