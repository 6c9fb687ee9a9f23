using System.Net;
using System.Text.RegularExpressions;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>The pages' security rules: admin only admin area, anti-forgery on every form, no leaks of private projects or token values, lock-out.</summary>
[TestClass]
public sealed partial class WebSecuritySpec : RequestSpec
{
    private const string Password = "password-123456";

    private static readonly string[] AdminPages = ["/admin", "/admin/users", "/admin/features", "/admin/features?project=a/b"];

    private static readonly string[] AdminPosts = ["/admin/features/go_proxy", "/admin/features/go_proxy/delete"];

    [TestMethod]
    public async Task AdminArea_ForNonAdmin_Is403OnEveryPageAndPost()
    {
        await CreateUserAsync("alice");
        var alice = await WebSession.SignInAsync(Factory, "alice", Password);
        foreach (var page in AdminPages)
        {
            var response = await alice.Http.GetAsync(page);
            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, page);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "403");
        }
        foreach (var action in AdminPosts)
        {
            var response = await alice.PostFormAsync("/-/user_settings/personal_access_tokens", action,
                new() { ["value"] = "true", ["scope"] = "global" });
            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, action);
        }
        var features = await Client().GetAsync("/api/v4/features");
        Assert.AreEqual(HttpStatusCode.Unauthorized, features.StatusCode);
    }

    [TestMethod]
    public async Task AdminArea_ForAnonymous_RedirectsToSignIn()
    {
        foreach (var page in AdminPages)
        {
            var response = await new WebSession(Factory).Http.GetAsync(page);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, page);
            StringAssert.StartsWith(response.Headers.Location!.OriginalString, "/users/sign_in?returnUrl=");
        }
    }

    [TestMethod]
    public async Task Forms_WithoutAntiforgeryToken_Are400()
    {
        await CreateUserAsync("boss", admin: true);
        var boss = await WebSession.SignInAsync(Factory, "boss", Password);
        var posts = new Dictionary<string, Dictionary<string, string>>
        {
            ["/users/sign_in"] = new() { ["login"] = "boss", ["password"] = Password },
            ["/users/sign_out"] = new(),
            ["/-/user_settings/personal_access_tokens"] = new() { ["name"] = "t", ["scopes"] = "api" },
            ["/-/user_settings/personal_access_tokens/1/revoke"] = new(),
            ["/admin/features/go_proxy"] = new() { ["value"] = "true", ["scope"] = "global" },
            ["/admin/features/go_proxy/delete"] = new(),
        };
        foreach (var (action, fields) in posts)
        {
            var response = await boss.Http.PostAsync(action, new FormUrlEncodedContent(fields));
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, action);
            var forged = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = "forged" };
            Assert.AreEqual(HttpStatusCode.BadRequest, (await boss.Http.PostAsync(action, new FormUrlEncodedContent(forged))).StatusCode, action);
        }
        // Still signed in, and nothing changed.
        Assert.AreEqual(HttpStatusCode.OK, (await boss.Http.GetAsync("/admin/features")).StatusCode);
        Assert.IsFalse(Get<GitLabLite.Services.Features.FeatureFlags>().Snapshot.Features.ContainsKey("go_proxy"));
    }

    [TestMethod]
    public async Task PrivateProjectPage_ForStrangerAndAnonymous_IsThe404OfAMissingProject()
    {
        var owner = await CreateUserAsync("owner");
        await CreateUserAsync("stranger");
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "secret-group");
        await ProjectFactory.CreateProjectAsync(Services, owner, "secret-project", group, Visibility.Private);
        var stranger = await WebSession.SignInAsync(Factory, "stranger", Password);
        await stranger.Http.GetAsync("/explore/projects");
        foreach (var session in new[] { stranger, new WebSession(Factory) })
        {
            foreach (var (existing, missing) in new[] { ("/secret-group/secret-project", "/secret-group/nope"), ("/secret-group/secret-project/-/packages", "/secret-group/nope/-/packages") })
            {
                var hidden = await session.Http.GetAsync(existing);
                var absent = await session.Http.GetAsync(missing);
                Assert.AreEqual(HttpStatusCode.NotFound, hidden.StatusCode, existing);
                var body = await hidden.Content.ReadAsStringAsync();
                // Equal but for the per-response anti-forgery tokens (the sign-out form's, the csrf-token meta tag's).
                Assert.AreEqual(WithoutTokens(await absent.Content.ReadAsStringAsync()), WithoutTokens(body));
                Assert.IsFalse(body.Contains("secret-project"), "the page names the project");
            }
            var explore = await session.Http.GetStringAsync("/explore/projects");
            Assert.IsFalse(explore.Contains("secret-project"));
        }
        var owned = await WebSession.SignInAsync(Factory, "owner", Password);
        var page = await owned.Http.GetAsync("/secret-group/secret-project");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [TestMethod]
    public async Task TokenValue_AfterCreation_AppearsInNoPage()
    {
        var owner = await CreateUserAsync("owner", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "g");
        await ProjectFactory.CreateProjectAsync(Services, owner, "p", group, Visibility.Private);
        var session = await WebSession.SignInAsync(Factory, "owner", Password);
        var created = await session.PostFormAsync("/-/user_settings/personal_access_tokens", "/-/user_settings/personal_access_tokens",
            new() { ["name"] = "laptop", ["scopes"] = "read_api" });
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode);
        Assert.IsTrue(created.Headers.CacheControl?.NoStore, "the page with the token value is never cached");
        var value = TokenValue().Match(await created.Content.ReadAsStringAsync()).Value;
        Assert.IsTrue(value.Length > 20, "the token is shown once, right after creation");
        foreach (var page in new[] { "/", "/explore/projects", "/g/p", "/g/p/-/packages", "/-/user_settings/personal_access_tokens", "/admin/users", "/admin/features", "/users/sign_in" })
        {
            var response = await session.Http.GetAsync(page);
            Assert.IsTrue(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, page);
            Assert.IsFalse((await response.Content.ReadAsStringAsync()).Contains(value), $"{page} shows the token");
        }
        var list = await session.Http.GetStringAsync("/-/user_settings/personal_access_tokens");
        StringAssert.Contains(list, "laptop");
    }

    [TestMethod]
    public async Task SignIn_AfterFiveFailures_IsLockedEvenWithTheRightPassword()
    {
        await CreateUserAsync("victim");
        for (var i = 0; i < 5; i++)
        {
            var failed = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "victim", ["password"] = "wrong" });
            Assert.AreEqual(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var locked = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "victim@example.com", ["password"] = Password });
        Assert.AreEqual(HttpStatusCode.Unauthorized, locked.StatusCode);
        StringAssert.Contains(await locked.Content.ReadAsStringAsync(), "locked");
    }

    [TestMethod]
    public async Task SignIn_WithExternalReturnUrl_GoesHome()
    {
        await CreateUserAsync("alice");
        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example" })
        {
            var response = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in",
                new() { ["login"] = "alice", ["password"] = Password, ["returnUrl"] = returnUrl });
            Assert.AreEqual("/", response.Headers.Location?.OriginalString, returnUrl);
        }
        var local = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in",
            new() { ["login"] = "alice", ["password"] = Password, ["returnUrl"] = "/admin/users" });
        Assert.AreEqual("/admin/users", local.Headers.Location?.OriginalString);
    }

    [TestMethod]
    public async Task UnknownApiPath_KeepsItsJson404_AndUnknownPageIsThe404Page()
    {
        var api = await Client().GetAsync("/api/v4/nothing/here");
        Assert.AreEqual(HttpStatusCode.NotFound, api.StatusCode);
        Assert.AreEqual("404 Not Found", (await JsonAsync(api)).GetProperty("message").GetString());
        var page = await Client().GetAsync("/no/such/page");
        Assert.AreEqual(HttpStatusCode.NotFound, page.StatusCode);
        Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual("GitLab OK", await Client().GetStringAsync("/-/health"));
    }

    private static string WithoutTokens(string html) => AntiforgeryValue().Replace(html, "");

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|<meta name=\"csrf-token\" content=\")[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("glpat-[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenValue();
}
