using System.Text;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// The real go command against the app over HTTPS on a random 127.a.b.c (<see cref="LiveServer.Secure"/>): a
/// private module in a private group, fetched with a read_api token from NETRC through the project's GOPROXY URL,
/// used by a program, and found with zero configuration through the go-import `mod` entry.
/// </summary>
[TestClass]
public sealed class GoCommandSpec : RequestSpec
{
    private const string Greeting = "hello from greeter v1.1.0";
    private static string _adminToken = null!;
    private static string _user = null!;
    private static string _token = null!;
    private static Project _project = null!;
    private static string _module = null!;

    private static LiveServer Server => LiveServer.Secure;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    [ClassInitialize]
    public static async Task BuildFixtures(TestContext _)
    {
        await LiveFeatures.ResetAsync(Services, Server);
        var (admin, adminToken) = await CreateUserWithTokenAsync("e2e-admin", admin: true);
        _adminToken = adminToken;
        var developer = await CreateUserAsync("e2e-dev");
        (_user, _token) = (developer.Username, await CreateTokenAsync(developer, [TokenScopes.ReadApi]));
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "e2e");
        _project = await ProjectFactory.CreateProjectAsync(Services, admin, "greeter", group);
        await ProjectFactory.AddMemberAsync(Services, _project, developer, AccessLevel.Developer);
        _module = $"{Server.Host}/e2e/greeter";
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = GoMod, ["hello/hello.go"] = HelloGo("hello from greeter v1.0.0") });
        await git.TagAsync("v1.0.0");
        await git.CommitAsync("hello/hello.go", HelloGo(Greeting));
        await git.TagAsync("v1.1.0", "release 1.1.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(_project.FullPath));
        await LiveFeatures.SetAsync(Server, _adminToken, "go_proxy", "value=true&project=e2e/greeter");
    }

    private static string GoMod => $"module {_module}\n\ngo 1.19\n";

    private static string HelloGo(string greeting) => $"package hello\n\nfunc Greeting() string {{ return \"{greeting}\" }}\n";

    private static Dictionary<string, string> ViaProxy(GoCli go) => new() { ["GOPROXY"] = go.ProxyFor(_project.Id) };

    [TestMethod]
    public async Task ModDownload_PrivateModuleWithReadApiTokenInNetrc_ReportsGoHashesOfTheVersion()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _token);

        var result = (await go.DownloadAsync(ViaProxy(go), [$"{_module}@v1.1.0"])).Single();

        Assert.IsNull(result.Error, result.Error);
        Assert.AreEqual("v1.1.0", result.Version);
        var prefix = $"{_module}@v1.1.0/";
        var expectedSum = DirHash.Hash1([(prefix + "go.mod", Encoding.UTF8.GetBytes(GoMod)), (prefix + "hello/hello.go", Encoding.UTF8.GetBytes(HelloGo(Greeting)))]);
        Assert.AreEqual(expectedSum, result.Sum);
        Assert.AreEqual(DirHash.HashGoMod(Encoding.UTF8.GetBytes(GoMod)), result.GoModSum);
    }

    [TestMethod]
    public async Task ModDownload_WrongTokenInNetrc_FailsWith404()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, "glpat-wrongwrongwrongwrongwrong");

        var result = (await go.DownloadAsync(ViaProxy(go), [$"{_module}@v1.1.0"])).Single();

        Assert.IsNull(result.Sum);
        StringAssert.Contains(result.Error, "404 Not Found");
    }

    [TestMethod]
    public async Task ModDownload_WithoutNetrc_FailsWith401()
    {
        using var go = new GoCli(Server);

        var result = (await go.DownloadAsync(ViaProxy(go), [$"{_module}@v1.1.0"])).Single();

        Assert.IsNull(result.Sum);
        StringAssert.Contains(result.Error, "401 Unauthorized");
    }

    [TestMethod]
    public async Task GoGetThenRun_ProgramImportingAGroupProjectPackage_PrintsWhatThePackageReturns()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _token);
        var app = go.NewDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"{_module}/hello\"\n)\n\nfunc main() {{ fmt.Println(hello.Greeting()) }}\n");
        var env = ViaProxy(go);

        await MustAsync(go.RunAsync(app, env, "mod", "init", "example.com/app"));
        await MustAsync(go.RunAsync(app, env, "get", $"{_module}@v1.1.0"));
        var run = await MustAsync(go.RunAsync(app, env, "run", "."));

        Assert.AreEqual(Greeting + "\n", run.Stdout);
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(app, "go.mod")), $"require {_module} v1.1.0");
    }

    [TestMethod]
    public async Task ModDownload_DirectModeWithNetrc_FindsTheProxyThroughTheModGoImportEntry()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _token);
        var before = Server.Requests.Lines.Count;

        var result = (await go.DownloadAsync(new Dictionary<string, string> { ["GOPROXY"] = "direct", ["GOPRIVATE"] = Server.Host }, [$"{_module}@v1.0.0"])).Single();

        Assert.IsNull(result.Error, result.Error);
        Assert.AreEqual("v1.0.0", result.Version);
        var requests = Server.Requests.Lines.Skip(before).ToList();
        var log = string.Join("\n", requests);
        CollectionAssert.Contains(requests, "GET /e2e/greeter?go-get=1 200", log);
        CollectionAssert.Contains(requests, $"GET /api/v4/packages/go/{_module}/@v/v1.0.0.zip 200", log);
        Assert.IsFalse(requests.Any(r => r.Contains(".git/")), $"git was used instead of the proxy:\n{log}");
    }

    private static async Task<ProcessResult> MustAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.IsTrue(result.Ok, $"go failed ({result.ExitCode}): {result.Stderr}");
        return result;
    }
}
