using System.Net;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// Settings › Repository › Deploy tokens of a project and a group: Maintainers create (the value shown once, in an
/// uncached response, with its ~/.netrc line) and revoke; Developers are refused, strangers see nothing, anonymous
/// visitors are sent to sign in; bad input re-renders the form with the reason and creates nothing.
/// </summary>
[TestClass]
public sealed class DeployTokensPageSpec : RequestSpec
{
    private const string Password = "password-123456";
    private Project _project = null!;
    private Namespace _group = null!;

    [TestInitialize]
    public async Task BuildProject()
    {
        var admin = await CreateUserAsync("boss", admin: true);
        _group = await ProjectFactory.CreateGroupAsync(Services, admin, "team");
        _project = await ProjectFactory.CreateProjectAsync(Services, admin, "app", _group);
        await ProjectFactory.AddMemberAsync(Services, _project, await CreateUserAsync("maint"), AccessLevel.Maintainer);
        await ProjectFactory.AddMemberAsync(Services, _project, await CreateUserAsync("dev"), AccessLevel.Developer);
        await CreateUserAsync("stranger");
    }

    private static Task<long> CountAsync() => Get<DeployTokenRepository>().CountAsync(null, false, CancellationToken.None);

    [TestMethod]
    public async Task Maintainer_CreatesAndRevokes_SeeingTheValueOnce()
    {
        var maint = await WebSession.SignInAsync(Factory, "maint", Password);
        var settings = "/team/app/-/settings/repository";
        var created = await maint.PostFormAsync(settings, "/team/app/-/deploy_tokens",
            new() { ["name"] = "ci", ["scopes"] = "read_package_registry" });
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode);
        StringAssert.Contains(created.Headers.CacheControl?.ToString(), "no-store");
        var html = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "id=\"created-deploy-token-value\">(gldt-[^<]+)<").Groups[1].Value;
        StringAssert.StartsWith(token, DeployToken.Prefix);
        StringAssert.Contains(html, $" password {token}</pre>");
        var stored = (await Get<DeployTokenRepository>().FindByDigestOrNullAsync(SecretToken.Digest(token), CancellationToken.None))!;
        Assert.AreEqual($"{DeployToken.DefaultUsernamePrefix}{stored.Id}", stored.Username);
        Assert.IsFalse((await maint.Http.GetStringAsync(settings)).Contains(token), "the value is shown once");

        var revoked = await maint.PostFormAsync(settings, $"/team/app/-/deploy_tokens/{stored.Id}/revoke", []);
        Assert.AreEqual(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.IsTrue((await Get<DeployTokenRepository>().FindOrNullAsync(DeployTokenOwner.Project(_project.Id), stored.Id, CancellationToken.None))!.Revoked);
        StringAssert.Contains(await maint.Http.GetStringAsync(settings), "inactive-deploy-tokens");
    }

    [TestMethod]
    public async Task Create_WithBadInput_RerendersWithTheReasonAndCreatesNothing()
    {
        var maint = await WebSession.SignInAsync(Factory, "maint", Password);
        foreach (var fields in new Dictionary<string, string>[]
        {
            new() { ["name"] = "ci" },
            new() { ["name"] = "", ["scopes"] = "read_repository" },
            new() { ["name"] = "ci", ["scopes"] = "read_repository", ["username"] = "has space" },
            new() { ["name"] = "ci", ["scopes"] = "read_repository", ["expires_at"] = "2001-01-01" },
            new() { ["name"] = "ci", ["scopes"] = "read_repository", ["expires_at"] = "soon" },
        })
        {
            var response = await maint.PostFormAsync("/team/app/-/settings/repository", "/team/app/-/deploy_tokens", fields);
            Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode, string.Join(",", fields));
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "deploy-token-errors");
        }
        Assert.AreEqual(0, await CountAsync());
    }

    [TestMethod]
    public async Task Page_ForDeveloperStrangerAndAnonymous_IsForbiddenNotFoundOrSignIn()
    {
        var dev = await WebSession.SignInAsync(Factory, "dev", Password);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await dev.Http.GetAsync("/team/app/-/settings/repository")).StatusCode);
        var forged = await dev.PostFormAsync("/-/user_settings/personal_access_tokens", "/team/app/-/deploy_tokens",
            new() { ["name"] = "ci", ["scopes"] = "read_repository" });
        Assert.AreEqual(HttpStatusCode.Forbidden, forged.StatusCode);
        var stranger = await WebSession.SignInAsync(Factory, "stranger", Password);
        Assert.AreEqual(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/team/app/-/settings/repository")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/groups/team/-/settings/repository")).StatusCode);
        var anonymous = await new WebSession(Factory).Http.GetAsync("/team/app/-/settings/repository");
        Assert.AreEqual(HttpStatusCode.Redirect, anonymous.StatusCode);
        StringAssert.Contains(anonymous.Headers.Location?.ToString(), "/users/sign_in");
        Assert.AreEqual(0, await CountAsync());
    }

    [TestMethod]
    public async Task GroupPage_ForTheAdmin_CreatesAGroupToken()
    {
        var boss = await WebSession.SignInAsync(Factory, "boss", Password);
        var created = await boss.PostFormAsync("/groups/team/-/settings/repository", "/groups/team/-/deploy_tokens",
            new() { ["name"] = "group ci", ["username"] = "team-bot", ["scopes"] = "read_repository" });
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode);
        var page = await Get<DeployTokenRepository>().ListAsync(DeployTokenOwner.Group(_group.Id), false, 0, 10, CancellationToken.None);
        Assert.AreEqual("team-bot", page.Single().Username);
    }
}
