using System.Net;
using System.Text.RegularExpressions;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// The user menu on every page a signed-in user sees: Profile, "Access tokens" (one click to the token page, by that
/// label) and Sign out; the profile page it leads to; nothing of it for visitors.
/// </summary>
[TestClass]
public sealed partial class UserMenuSpec : RequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task EveryPage_ForASignedInUser_CarriesTheUserMenu()
    {
        var boss = await CreateUserAsync("boss", admin: true);
        var dev = await CreateUserAsync("dev");
        var group = await ProjectFactory.CreateGroupAsync(Services, boss, "ns");
        var project = await ProjectFactory.CreateProjectAsync(Services, boss, "lib", group);
        await ProjectFactory.AddMemberAsync(Services, project, dev, AccessLevel.Developer);
        using (var git = await GitFixture.CreateAsync())
        {
            await git.CommitAsync("lib.go", "package lib\n");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        }
        var developer = await WebSession.SignInAsync(Factory, "dev", Password);
        var admin = await WebSession.SignInAsync(Factory, "boss", Password);
        foreach (var (session, path, status) in new[]
        {
            (developer, "/", HttpStatusCode.OK), (developer, "/explore/projects", HttpStatusCode.OK), (developer, "/ns/lib", HttpStatusCode.OK),
            (developer, "/ns/lib/-/packages", HttpStatusCode.OK), (developer, "/-/user_settings/profile", HttpStatusCode.OK),
            (developer, "/-/user_settings/personal_access_tokens", HttpStatusCode.OK), (developer, "/-/user_settings/password/edit", HttpStatusCode.OK),
            (developer, "/no/such/page", HttpStatusCode.NotFound), (developer, "/admin/features", HttpStatusCode.Forbidden),
            (admin, "/admin/users", HttpStatusCode.OK), (admin, "/admin/features", HttpStatusCode.OK),
        })
        {
            var response = await session.Http.GetAsync(path);
            Assert.AreEqual(status, response.StatusCode, path);
            var menu = Menu().Match(await response.Content.ReadAsStringAsync());
            Assert.IsTrue(menu.Success, $"{path}: no user menu");
            StringAssert.Contains(menu.Value, session == admin ? "@boss" : "@dev", path);
            StringAssert.Contains(menu.Value, "<a href=\"/-/user_settings/profile\" id=\"user-menu-profile\">Profile</a>", path);
            StringAssert.Contains(menu.Value, "<a href=\"/-/user_settings/personal_access_tokens\" id=\"user-menu-tokens\">Access tokens</a>", path);
            StringAssert.Matches(menu.Value, SignOut(), path);
        }

        var signOut = await developer.PostFormAsync("/", "/users/sign_out", []);
        Assert.AreEqual(HttpStatusCode.Redirect, signOut.StatusCode, "the menu's sign-out form works");
        var visitor = await developer.Http.GetStringAsync("/explore/projects");
        Assert.IsFalse(Menu().IsMatch(visitor), "no user menu when signed out");
        StringAssert.Contains(visitor, "<a href=\"/users/sign_in\">Sign in</a>");
    }

    [TestMethod]
    public async Task Profile_ShowsTheUserTheirProjectsAndTokens_AndNeedsASession()
    {
        var dev = await CreateUserAsync("dev");
        await CreateTokenAsync(dev);
        await CreateTokenAsync(dev, expiresAt: DateTime.UtcNow.AddDays(-1));
        await ProjectFactory.CreateProjectAsync(Services, dev, "scratch");
        var session = await WebSession.SignInAsync(Factory, "dev", Password);
        var page = await session.Http.GetStringAsync("/-/user_settings/profile");
        StringAssert.Contains(page, "dev@example.com");
        StringAssert.Contains(page, $"Last activity</th><td>{DateTime.UtcNow:yyyy-MM-dd}</td>", "signing in is activity");
        StringAssert.Contains(page, "(1 active)");
        StringAssert.Contains(page, "<a href=\"/dev/scratch\">");
        StringAssert.Contains(page, "<a href=\"/-/user_settings/password/edit\">Password</a>");

        var anonymous = await new WebSession(Factory).Http.GetAsync("/-/user_settings/profile");
        Assert.AreEqual(HttpStatusCode.Redirect, anonymous.StatusCode);
        StringAssert.StartsWith(anonymous.Headers.Location?.OriginalString, "/users/sign_in?returnUrl=");
    }

    [GeneratedRegex("<nav class=\"user-menu\" aria-label=\"User menu\">.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Menu();

    [GeneratedRegex("<form method=\"post\" action=\"/users/sign_out\"><button [^>]*>Sign out</button><input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\" /></form>")]
    private static partial Regex SignOut();
}
