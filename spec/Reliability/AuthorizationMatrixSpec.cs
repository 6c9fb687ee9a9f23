using System.Net;
using System.Net.Http.Json;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;
using Endpoint = GitLabLite.Spec.Reliability.AuthorizationRules.Endpoint;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Every endpoint class × every kind of caller × public/internal/private × go_proxy on/off answers the status
/// <see cref="AuthorizationRules"/> derives from the contract. The fixtures (six projects, one per visibility and
/// flag state, each holding the same tagged module; one user per role; one token per credential kind) are built
/// once; every case is a single in-process request.
/// </summary>
[TestClass]
public sealed class AuthorizationMatrixSpec : RequestSpec
{
    private const string Module = "matrix";
    private static readonly Visibility[] Visibilities = [Visibility.Public, Visibility.Internal, Visibility.Private];
    private static readonly Dictionary<string, string?> Tokens = [];
    private static readonly Dictionary<(Visibility, bool), Project> Projects = [];

    /// <summary>
    /// The callers. Expired, revoked and wrong-scope tokens belong to the project Owner and invalid ones are checked
    /// before anything else, so a role can never make up for bad credentials.
    /// </summary>
    private static readonly Dictionary<string, AuthorizationRules.Caller> Callers = new()
    {
        ["anonymous"] = new(false, false, [], AccessLevel.NoAccess, false),
        ["invalid token"] = new(true, false, [], AccessLevel.NoAccess, false),
        ["expired token"] = new(true, false, [], AccessLevel.NoAccess, false),
        ["revoked token"] = new(true, false, [], AccessLevel.NoAccess, false),
        ["blocked user's token"] = new(true, false, [], AccessLevel.NoAccess, false) { Blocked = true },
        ["owner read_user"] = new(true, true, [TokenScopes.ReadUser], AccessLevel.Owner, false),
        ["owner read_repository"] = new(true, true, [TokenScopes.ReadRepository], AccessLevel.Owner, false),
        ["owner read_api"] = new(true, true, [TokenScopes.ReadApi], AccessLevel.Owner, false),
        ["non-member"] = new(true, true, [TokenScopes.Api], AccessLevel.NoAccess, false),
        ["guest"] = new(true, true, [TokenScopes.Api], AccessLevel.Guest, false),
        ["reporter"] = new(true, true, [TokenScopes.Api], AccessLevel.Reporter, false),
        ["developer"] = new(true, true, [TokenScopes.Api], AccessLevel.Developer, false),
        ["maintainer"] = new(true, true, [TokenScopes.Api], AccessLevel.Maintainer, false),
        ["owner"] = new(true, true, [TokenScopes.Api], AccessLevel.Owner, false),
        ["admin"] = new(true, true, [TokenScopes.Api], AccessLevel.NoAccess, true),
        // Deploy tokens of the projects' group (or of another group: valid, but they cover none of these projects).
        ["deploy read_repository"] = new(true, true, [DeployTokenScopes.ReadRepository], AccessLevel.Reporter, false) { Deploy = true },
        ["deploy read_package_registry"] = new(true, true, [DeployTokenScopes.ReadPackageRegistry], AccessLevel.Reporter, false) { Deploy = true },
        ["deploy of another group"] = new(true, true, [.. DeployTokenScopes.All], AccessLevel.NoAccess, false) { Deploy = true },
        ["expired deploy token"] = new(true, false, [], AccessLevel.NoAccess, false),
        ["revoked deploy token"] = new(true, false, [], AccessLevel.NoAccess, false),
    };

    /// <summary>The login each deploy token needs (GitLab's: its username); other tokens go with any name.</summary>
    private static readonly Dictionary<string, string> DeployLogins = [];

    protected override bool CleanDatabaseBeforeEachSpec => false;

    public static IEnumerable<object[]> Cases =>
        from endpoint in Enum.GetValues<Endpoint>()
        from caller in Callers.Keys
        from visibility in Visibilities
        from goProxy in new[] { true, false }
        select new object[] { endpoint, caller, visibility, goProxy };

    [ClassInitialize]
    public static async Task BuildFixtures(TestContext _)
    {
        await DatabaseCleaner.CleanAsync(Services);
        var (admin, adminToken) = await CreateUserWithTokenAsync("matrix-admin", admin: true);
        Tokens["admin"] = adminToken;
        Tokens["anonymous"] = null;
        Tokens["invalid token"] = "glpat-" + new string('x', 24);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "matrix", visibility: Visibility.Public);
        using var git = await GitFixture.CreateAsync();
        // No go.mod: the module's path is the project's import path wherever it is pushed (a synthesised go.mod).
        await git.CommitAsync("lib.go", "package lib\n");
        await git.TagAsync("v1.0.0");
        foreach (var visibility in Visibilities)
            foreach (var on in new[] { true, false })
            {
                var project = await ProjectFactory.CreateProjectAsync(Services, admin, $"{visibility.ToString().ToLowerInvariant()}-{(on ? "on" : "off")}", group, visibility);
                await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
                Projects[(visibility, on)] = project;
            }
        var enabled = string.Join(',', Projects.Where(p => p.Key.Item2).Select(p => p.Value.FullPath));
        var flag = await Client(adminToken).PostAsync($"/api/v4/features/go_proxy?value=true&project={enabled}", null);
        Assert.AreEqual(HttpStatusCode.Created, flag.StatusCode, await flag.Content.ReadAsStringAsync());

        foreach (var (name, caller) in Callers.Where(c => c.Value is { SignedIn: true, Admin: false, Scopes: [TokenScopes.Api] }))
        {
            var user = await CreateUserAsync($"matrix-{name}");
            if (caller.Role != AccessLevel.NoAccess)
                foreach (var project in Projects.Values) await ProjectFactory.AddMemberAsync(Services, project, user, caller.Role);
            Tokens[name] = await CreateTokenAsync(user);
            if (name != "owner") continue;
            Tokens["owner read_user"] = await CreateTokenAsync(user, [TokenScopes.ReadUser]);
            Tokens["owner read_repository"] = await CreateTokenAsync(user, [TokenScopes.ReadRepository]);
            Tokens["owner read_api"] = await CreateTokenAsync(user, [TokenScopes.ReadApi]);
            Tokens["expired token"] = await CreateTokenAsync(user, expiresAt: DateTime.UtcNow.AddDays(-1));
            var revoked = await CreateTokenAsync(user);
            var tokens = Get<PersonalAccessTokenRepository>();
            var stored = await tokens.FindByDigestWithUserOrNullAsync(PersonalAccessToken.Digest(revoked), CancellationToken.None);
            await tokens.RevokeAsync(stored!.Value.Token.Id, CancellationToken.None);
            Tokens["revoked token"] = revoked;
            // An Owner of every project, blocked: the block must outweigh the role.
            var blocked = await CreateUserAsync("matrix-blocked");
            foreach (var project in Projects.Values) await ProjectFactory.AddMemberAsync(Services, project, blocked, AccessLevel.Owner);
            Tokens["blocked user's token"] = await CreateTokenAsync(blocked);
            await Get<UserRepository>().ChangeStateAsync(blocked.Id, [User.StateActive], User.StateBlocked, CancellationToken.None);
        }
        var other = await ProjectFactory.CreateGroupAsync(Services, admin, "matrix-other");
        foreach (var (name, owner, scopes, expires) in new (string, Namespace, string[], DateTime?)[]
        {
            ("deploy read_repository", group, [DeployTokenScopes.ReadRepository], null),
            ("deploy read_package_registry", group, [DeployTokenScopes.ReadPackageRegistry], null),
            ("deploy of another group", other, [.. DeployTokenScopes.All], null),
            ("expired deploy token", group, [.. DeployTokenScopes.All], DateTime.UtcNow.AddMinutes(1)),
            ("revoked deploy token", group, [.. DeployTokenScopes.All], null),
        })
        {
            var created = await Get<CreateDeployTokenService>().ExecuteAsync(DeployTokenOwner.Group(owner.Id), name, null, scopes, expires, admin, CancellationToken.None);
            (Tokens[name], DeployLogins[name]) = (created.PlainToken, created.Token.Username);
            if (name == "revoked deploy token")
                await Get<DeployTokenRepository>().RevokeAsync(DeployTokenOwner.Group(owner.Id), created.Token.Id, CancellationToken.None);
        }
        // Expired by the time the cases run (an expiry must be in the future when the token is created).
        await Get<GitLabLite.Repositories.Database>().ExecuteAsync(
            "UPDATE deploy_tokens SET expires_at = now() - interval '1 minute' WHERE name = 'expired deploy token'", null, CancellationToken.None);
        CollectionAssert.AreEquivalent(Callers.Keys.ToArray(), Tokens.Keys.ToArray(), "a token for every caller");
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Request_ForEachCallerProjectAndFlag_AnswersTheContractsStatus(Endpoint endpoint, string caller, Visibility visibility, bool goProxy)
    {
        var expected = AuthorizationRules.Expected(endpoint, Callers[caller], visibility, goProxy);
        var response = await SendAsync(endpoint, Tokens[caller], DeployLogins.GetValueOrDefault(caller, "anyone"), Projects[(visibility, goProxy)]);

        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, (int)response.StatusCode, $"{endpoint} as {caller} on {visibility} (go_proxy {(goProxy ? "on" : "off")}): {body}");
        if (expected == 401 && endpoint is Endpoint.ProxyList or Endpoint.ProxyZip or Endpoint.InstanceProxyList or Endpoint.GroupProxyList or Endpoint.GitInfoRefs)
            Assert.AreEqual("Basic realm=\"GitLab\"", response.Headers.WwwAuthenticate.ToString(), "git and go retry with ~/.netrc only when challenged");
        // A caller who may read the code gets the true root; anonymous callers of anything else the requested path.
        if (expected == 200 && endpoint == Endpoint.GoGet)
        {
            var echoed = !Callers[caller].Presented && visibility != Visibility.Public;
            StringAssert.Contains(body, $"/{Projects[(visibility, goProxy)].FullPath}{(echoed ? "/" + Module : "")} git ");
        }
    }

    /// <summary>One request as the tools send it: REST with PRIVATE-TOKEN, go and git with Basic (token as password).</summary>
    private static Task<HttpResponseMessage> SendAsync(Endpoint endpoint, string? token, string login, Project project)
    {
        var basic = endpoint is Endpoint.ProxyList or Endpoint.ProxyZip or Endpoint.InstanceProxyList or Endpoint.GroupProxyList
            or Endpoint.GoGet or Endpoint.GitInfoRefs;
        var client = token is null ? Client() : basic ? BasicClient(token, login) : Client(token);
        var module = $"{AppFactory.ExternalUrl[7..]}/{project.FullPath}/@v";
        var proxy = $"/api/v4/projects/{project.Id}/packages/go/{module}";
        return endpoint switch
        {
            Endpoint.ShowProject => client.GetAsync($"/api/v4/projects/{project.Id}"),
            Endpoint.ListTags => client.GetAsync($"/api/v4/projects/{project.Id}/repository/tags"),
            Endpoint.UpdateProject => client.PutAsJsonAsync($"/api/v4/projects/{project.Id}", new { description = "changed by the matrix" }),
            Endpoint.ListMembers => client.GetAsync($"/api/v4/projects/{project.Id}/members"),
            Endpoint.ProxyList => client.GetAsync($"{proxy}/list"),
            Endpoint.ProxyZip => client.GetAsync($"{proxy}/v1.0.0.zip"),
            Endpoint.InstanceProxyList => client.GetAsync($"/api/v4/packages/go/{module}/list"),
            Endpoint.GroupProxyList => client.GetAsync($"/api/v4/groups/matrix/-/packages/go/{module}/list"),
            Endpoint.ListPackages => client.GetAsync($"/api/v4/projects/{project.Id}/packages"),
            Endpoint.GoGet => client.GetAsync($"/{project.FullPath}/{Module}?go-get=1"),
            Endpoint.GitInfoRefs => client.GetAsync($"/{project.FullPath}.git/info/refs?service=git-upload-pack"),
            Endpoint.ListFeatures => client.GetAsync("/api/v4/features"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
    }
}
