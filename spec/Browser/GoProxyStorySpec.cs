using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;
using Microsoft.Playwright;

namespace GitLabLite.Spec.Browser;

/// <summary>
/// The whole story in the system Chromium against the app on a real socket: root enables go_proxy for one private
/// project on the feature flags page; a developer signs in, goes from the dashboard to "Access tokens" in the user
/// menu and creates a read_api token there, copies the GOPROXY and netrc lines from the project page, and the proxy
/// serves the module with them; the package registry then lists the version with its zip built. Screenshots of every page go to tmp/screenshots/.
/// </summary>
[TestClass]
public sealed class GoProxyStorySpec : RequestSpec
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private string _base = null!;

    [TestMethod]
    public async Task Story_AdminEnablesProxyForOneProject_DeveloperDownloadsTheModuleWithThePagesLines()
    {
        // HTTPS on 127.a.b.c:443, as users run it: go sends ~/.netrc credentials over https only.
        var server = LiveServer.Secure;
        _base = server.BaseUrl;
        var module = $"{server.Host}/acme/widgets";
        var root = (await Get<UserRepository>().FindByUsernameOrNullAsync("root", CancellationToken.None))!;
        var rootToken = await CreateTokenAsync(root);
        var dev = await CreateUserAsync("dev", password: "dev-password-123");
        using var api = server.CreateSocketClient(rootToken);
        var group = await PostAsync(api, "/api/v4/groups", new { name = "acme", path = "acme", visibility = "private" });
        var project = await PostAsync(api, "/api/v4/projects", new { path = "widgets", visibility = "private", namespace_id = group.GetProperty("id").GetInt64() });
        var projectId = project.GetProperty("id").GetInt64();
        await PostAsync(api, $"/api/v4/projects/{projectId}/members", new { user_id = dev.Id, access_level = 30 });
        using (var git = await GitFixture.CreateAsync())
        {
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {module}\n\ngo 1.19\n", ["widgets.go"] = "package widgets\n\nfunc Answer() int { return 42 }\n" });
            await git.TagAsync("v1.2.3");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor("acme/widgets"));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs,
        });

        // Root: sign in, see the proxy is off, enable it for this project only.
        var admin = await (await browser.NewContextAsync(new() { BaseURL = _base, IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1200, Height = 900 } })).NewPageAsync();
        await admin.GotoAsync("/users/sign_in");
        await ShotAsync(admin, "01-sign-in");
        await SignInAsync(admin, "root", RootSeeder.DefaultPassword);
        await admin.GotoAsync("/acme/widgets");
        StringAssert.Contains(await admin.InnerTextAsync("#go-proxy-disabled"), "not enabled");
        await admin.ClickAsync("#go-proxy-disabled a");
        Assert.AreEqual("acme/widgets", await admin.InputValueAsync("#target-go_proxy"));
        await admin.ClickAsync("#feature-go_proxy form.actor-form button");
        StringAssert.Contains(await admin.InnerTextAsync(".flash.notice"), "go_proxy enabled for project acme/widgets");
        Assert.AreEqual("conditional", await admin.GetAttributeAsync("#feature-go_proxy .badge", "data-state"));
        StringAssert.Contains(await admin.InnerTextAsync("#feature-go_proxy .gates"), $"Project:{projectId}");
        await ShotAsync(admin, "02-admin-feature-flags");
        await admin.GotoAsync("/admin/users");
        await ShotAsync(admin, "03-admin-users");

        // The developer: a read_api token, then the lines from the project page.
        var page = await (await browser.NewContextAsync(new() { BaseURL = _base, IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1200, Height = 900 } })).NewPageAsync();
        await page.GotoAsync("/acme/widgets");
        Assert.IsTrue(page.Url.Contains("/users/sign_in") || await page.TitleAsync() is var t && t.Contains("not found"), page.Url);
        await page.GotoAsync("/users/sign_in");
        await SignInAsync(page, "dev", "dev-password-123");
        // From the dashboard to the token page through the user menu, by the label a newcomer looks for.
        Assert.AreEqual(_base + "/", page.Url);
        StringAssert.Contains(await page.InnerTextAsync("main h1"), "Your projects");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "User menu" }).GetByRole(AriaRole.Link, new() { Name = "Access tokens", Exact = true }).ClickAsync();
        StringAssert.EndsWith(page.Url, "/-/user_settings/personal_access_tokens");
        await page.FillAsync("#token-name", "go proxy");
        await page.CheckAsync("#scope-read_api");
        await page.FillAsync("#token-expires", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        await page.ClickAsync("text=Create personal access token");
        var token = (await page.InnerTextAsync("#created-token-value")).Trim();
        StringAssert.StartsWith(token, PersonalAccessToken.Prefix);
        await ShotAsync(page, "04-token-created");
        await page.GotoAsync("/-/user_settings/personal_access_tokens");
        Assert.IsFalse((await page.ContentAsync()).Contains(token), "the token is shown once only");
        await ShotAsync(page, "05-tokens");

        await page.GotoAsync("/");
        StringAssert.Contains(await page.InnerTextAsync("main"), "acme / widgets");
        await ShotAsync(page, "06-your-projects");
        await page.GotoAsync("/acme/widgets");
        var goEnv = (await page.InnerTextAsync("#go-env-line")).Trim();
        var netrc = (await page.InnerTextAsync("#netrc-line")).Trim();
        // The instance line first: one GOPROXY entry for every module of the instance.
        Assert.AreEqual($"go env -w GOPROXY={_base}/api/v4/packages/go,https://proxy.golang.org,direct GONOSUMDB={server.Host}", goEnv);
        Assert.AreEqual($"machine {server.Host} login dev password <your token>", netrc);
        StringAssert.Contains(await page.InnerTextAsync("#go-versions"), "v1.2.3");
        Assert.AreEqual(0, await page.Locator("#go-proxy-disabled").CountAsync());
        Assert.AreEqual(0, await page.Locator("#deploy-tokens-link").CountAsync(), "a Developer manages no deploy tokens");
        await ShotAsync(page, "07-project");

        // The Go modules help page, reached from the project page, gives the same lines; go downloads with them.
        await page.ClickAsync("text=Go modules help");
        StringAssert.EndsWith(page.Url, "/help/go_modules");
        var helpEnv = (await page.InnerTextAsync("#go-env-line")).Trim();
        var helpNetrc = (await page.InnerTextAsync("#netrc-line")).Trim();
        Assert.AreEqual(goEnv, helpEnv);
        Assert.AreEqual(netrc, helpNetrc);
        StringAssert.Contains(await page.InnerTextAsync("#group-goproxy-url"), $"{_base}/api/v4/groups/");
        StringAssert.Contains(await page.InnerTextAsync("#credential-table"), "Deploy token");
        await ShotAsync(page, "08-go-modules-help");
        await GoModDownloadAsync(server, helpEnv, helpNetrc.Replace("<your token>", token), module);

        // Root, a Maintainer's equal, creates a deploy token for CI on the project's settings page: shown once, its
        // netrc line works with the help page's go line, and once revoked it is refused at once.
        await admin.GotoAsync("/acme/widgets");
        await admin.ClickAsync("#deploy-tokens-link");
        await admin.FillAsync("#deploy-token-name", "ci");
        await admin.CheckAsync("#scope-read_package_registry");
        await admin.ClickAsync("text=Create deploy token");
        var deployUser = (await admin.InnerTextAsync("#created-deploy-token-username")).Trim();
        var deployToken = (await admin.InnerTextAsync("#created-deploy-token-value")).Trim();
        var deployNetrc = (await admin.InnerTextAsync("#created-deploy-token-netrc")).Trim();
        StringAssert.StartsWith(deployUser, DeployToken.DefaultUsernamePrefix);
        StringAssert.StartsWith(deployToken, DeployToken.Prefix);
        Assert.AreEqual($"machine {server.Host} login {deployUser} password {deployToken}", deployNetrc);
        await ShotAsync(admin, "09-deploy-token-created");
        await GoModDownloadAsync(server, helpEnv, deployNetrc, module);
        await admin.GotoAsync("/acme/widgets/-/settings/repository");
        Assert.IsFalse((await admin.ContentAsync()).Contains(deployToken), "the token is shown once only");
        await admin.ClickAsync("#active-deploy-tokens button:has-text('Revoke')");
        StringAssert.Contains(await admin.InnerTextAsync(".flash.notice"), "Revoked deploy token ci");
        StringAssert.Contains(await admin.InnerTextAsync("#inactive-deploy-tokens"), "Revoked");
        await ShotAsync(admin, "10-deploy-token-revoked");
        using var revoked = server.CreateSocketClient();
        revoked.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{deployUser}:{deployToken}")));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await revoked.GetAsync($"/api/v4/packages/go/{module}/@v/list")).StatusCode);

        await page.GotoAsync("/acme/widgets/-/packages");
        var row = await page.InnerTextAsync("#packages tbody tr");
        StringAssert.Contains(row, module);
        StringAssert.Contains(row, "v1.2.3");
        StringAssert.Contains(row, "bytes");
        await ShotAsync(page, "11-package-registry");
    }

    /// <summary>The real `go mod download` with exactly the page's `go env -w` settings and netrc line.</summary>
    private static async Task GoModDownloadAsync(LiveServer server, string goEnvLine, string netrcLine, string module)
    {
        var settings = goEnvLine["go env -w ".Length..].Split(' ').Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.AreEqual(server.Host, settings["GONOSUMDB"]);
        using var go = new GoCli(server);
        go.UseNetrcLine(netrcLine);
        var downloaded = await go.DownloadAsync(settings, [$"{module}@v1.2.3"]);
        Assert.AreEqual(1, downloaded.Count);
        Assert.IsNull(downloaded[0].Error, downloaded[0].Error);
        Assert.AreEqual("v1.2.3", downloaded[0].Version);
        StringAssert.StartsWith(downloaded[0].Sum, "h1:");
    }

    private static async Task SignInAsync(IPage page, string login, string password)
    {
        if (!page.Url.Contains("/users/sign_in")) await page.GotoAsync("/users/sign_in");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        StringAssert.Contains(await page.InnerTextAsync(".flash.notice"), "Signed in");
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotsDir, name + ".png"), FullPage = true });

    /// <summary>tmp/screenshots at the repository root (found from the test binary's directory), gitignored.</summary>
    private static string ScreenshotsDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GitLabLite.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "tmp", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
