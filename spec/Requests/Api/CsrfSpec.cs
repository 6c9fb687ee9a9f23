using System.Net;
using System.Text;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// API requests that change something and are signed in only by the browser's session cookie need the CSRF token the
/// pages embed (X-CSRF-Token), as GitLab's API does; without it the session does not count. Tokens need none.
/// </summary>
[TestClass]
public sealed class CsrfSpec : RequestSpec
{
    private const string Password = "password-123456";

    /// <summary>What a page on another site can make a signed-in admin's browser send: simple content types, the cookie attached.</summary>
    public static IEnumerable<object[]> CrossSiteBodies =>
    [
        ["text/plain", """{"username":"mallory","email":"m@example.com","name":"m","password":"password-123456","admin":true}"""],
        ["application/x-www-form-urlencoded", "username=mallory&email=m%40example.com&name=m&password=password-123456&admin=true"],
        ["application/json", """{"username":"mallory","email":"m@example.com","name":"m","password":"password-123456","admin":true}"""],
    ];

    [TestMethod]
    [DynamicData(nameof(CrossSiteBodies))]
    public async Task Post_WithOnlyTheSessionCookie_IsRefusedAndCreatesNothing(string contentType, string body)
    {
        await CreateUserAsync("boss", admin: true);
        var browser = await WebSession.SignInAsync(Factory, "boss", Password);

        var forged = await browser.Http.PostAsync("/api/v4/users", new StringContent(body, Encoding.UTF8, contentType));

        Assert.AreEqual(HttpStatusCode.Unauthorized, forged.StatusCode, await forged.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/api/v4/users/3")).StatusCode, "no user was created");
        Assert.AreEqual("[]", await browser.Http.GetStringAsync("/api/v4/users?username=mallory"));
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v4/users") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        wrong.Headers.Add("X-CSRF-Token", "forged");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await browser.Http.SendAsync(wrong)).StatusCode, "a made-up token");
    }

    [TestMethod]
    public async Task Post_WithTheSessionAndThePagesCsrfToken_IsAccepted()
    {
        await CreateUserAsync("boss", admin: true);
        var browser = await WebSession.SignInAsync(Factory, "boss", Password);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v4/users")
        {
            Content = new StringContent("""{"username":"carol","email":"c@example.com","name":"c","password":"password-123456"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-Token", await browser.CsrfTokenAsync());

        var response = await browser.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task SessionReads_AndTokenWrites_NeedNoCsrfToken()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var browser = await WebSession.SignInAsync(Factory, "boss", Password);
        Assert.AreEqual(HttpStatusCode.OK, (await browser.Http.GetAsync("/api/v4/user")).StatusCode);
        var created = await Client(token).PostAsync("/api/v4/users",
            new StringContent("""{"username":"dave","email":"d@example.com","name":"d","password":"password-123456"}""", Encoding.UTF8, "application/json"));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Delete_WithOnlyTheSessionCookie_IsRefused()
    {
        var owner = await CreateUserAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "p");
        var browser = await WebSession.SignInAsync(Factory, "owner", Password);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await browser.Http.DeleteAsync($"/api/v4/projects/{project.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await browser.Http.GetAsync($"/api/v4/projects/{project.Id}")).StatusCode, "still there");
    }
}
