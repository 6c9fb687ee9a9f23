using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// What GitLab clients check on the wire, which python-gitlab tripped over: the exact JSON content type on every
/// JSON answer (errors too), a JSON content type with an empty body on any verb, repeated slashes in API paths
/// (merged as GitLab's nginx does, never in Go module paths or git paths), and HEAD on every GET route.
/// </summary>
[TestClass]
public sealed class WireCompatibilitySpec : RequestSpec
{
    private const string Json = "application/json";

    [TestMethod]
    public async Task JsonAnswers_SuccessAndEveryKindOfError_SayExactlyApplicationJson()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var (_, readApi) = await CreateUserWithTokenAsync("reader", scopes: ["read_api"]);
        var project = await PublishedProjectAsync(admin);
        await Client(token).PostAsync("/api/v4/features/go_proxy?value=true", null);
        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status)[]
        {
            ("version", () => Client(token).GetAsync("/api/v4/version"), HttpStatusCode.OK),
            ("user", () => Client(token).GetAsync("/api/v4/user"), HttpStatusCode.OK),
            ("projects", () => Client(token).GetAsync("/api/v4/projects"), HttpStatusCode.OK),
            ("project", () => Client(token).GetAsync($"/api/v4/projects/{project.Id}"), HttpStatusCode.OK),
            ("tags", () => Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags"), HttpStatusCode.OK),
            ("branches", () => Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/branches"), HttpStatusCode.OK),
            ("members", () => Client(token).GetAsync($"/api/v4/projects/{project.Id}/members"), HttpStatusCode.OK),
            ("features", () => Client(token).GetAsync("/api/v4/features"), HttpStatusCode.OK),
            ("created", () => Client(token).PostAsync("/api/v4/groups?name=g&path=g", null), HttpStatusCode.Created),
            ("go proxy .info", () => Client(token).GetAsync($"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com/ns/lib/@v/v1.0.0.info"), HttpStatusCode.OK),
            ("readiness", () => Client().GetAsync("/-/readiness"), HttpStatusCode.OK),
            ("401", () => Client().GetAsync("/api/v4/user"), HttpStatusCode.Unauthorized),
            ("401 invalid token", () => Client("glpat-" + new string('x', 24)).GetAsync("/api/v4/projects"), HttpStatusCode.Unauthorized),
            ("403 scope", () => Client(readApi).PostAsync("/api/v4/groups?name=h&path=h", null), HttpStatusCode.Forbidden),
            ("403 admin only", () => Client(readApi).GetAsync("/api/v4/features"), HttpStatusCode.Forbidden),
            ("404 project", () => Client(token).GetAsync("/api/v4/projects/999999"), HttpStatusCode.NotFound),
            ("404 no route", () => Client(token).GetAsync("/api/v4/no/such/route"), HttpStatusCode.NotFound),
            ("405", () => Client(token).DeleteAsync("/api/v4/version"), HttpStatusCode.MethodNotAllowed),
            ("400 validation", () => Client(token).PostAsync("/api/v4/projects?name=x&visibility=secret", null), HttpStatusCode.BadRequest),
            ("400 invalid JSON", () => Client(token).PostAsync("/api/v4/projects", JsonBody("{\"name\": ")), HttpStatusCode.BadRequest),
            ("409", () => Client(token).PostAsync("/api/v4/users?username=boss&email=b@example.com&name=b&password=password-123456", null), HttpStatusCode.Conflict),
        };
        foreach (var (name, send, status) in cases)
        {
            var response = await send();
            Assert.AreEqual(status, response.StatusCode, $"{name}: {await response.Content.ReadAsStringAsync()}");
            Assert.AreEqual(Json, response.Content.Headers.ContentType?.ToString(), name);
            Assert.IsTrue((await response.Content.ReadAsStringAsync()).TrimStart()[0] is '{' or '[', name);
        }
    }

    /// <summary>
    /// Dates keep a literal '+' in their offset, as GitLab writes them: Go's time.Time reads the raw JSON string, so
    /// "\u002B00:00" (valid JSON, what the default encoder writes) fails every go-gitlab call that returns a date.
    /// </summary>
    [TestMethod]
    public async Task JsonAnswers_WriteAPlusAsItself_SoGoClientsParseTheirDates()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var project = await PublishedProjectAsync(admin);
        var body = await Client(token).GetStringAsync($"/api/v4/projects/{project.Id}/repository/tags");
        StringAssert.Matches(body, new System.Text.RegularExpressions.Regex("\"committed_date\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+00:00\""), body);
        Assert.DoesNotContain("\\u002B", body);
        var updated = await Client(token).PutAsync($"/api/v4/projects/{project.Id}", JsonBody("{\"description\": \"C++ & <tools>\"}"));
        Assert.AreEqual(HttpStatusCode.OK, updated.StatusCode);
        StringAssert.Contains(await updated.Content.ReadAsStringAsync(), "\"description\":\"C++ & <tools>\"");
    }

    [TestMethod]
    public async Task JsonAnswers_FromKestrelLimitsAndTheThrottle_SayExactlyApplicationJson()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        using var client = LiveServer.Shared.CreateSocketClient(token);
        var tooLarge = await client.PostAsync("/api/v4/projects", JsonBody("{\"name\": \"" + new string('a', 2 << 20) + "\"}"));
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.AreEqual(Json, tooLarge.Content.Headers.ContentType?.ToString());

        using var throttled = Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:AuthThrottle:MaxFailures", "1"));
        var bad = throttled.CreateClient();
        bad.DefaultRequestHeaders.Add("PRIVATE-TOKEN", "glpat-" + new string('y', 24));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v4/user")).StatusCode);
        var refused = await bad.GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.AreEqual(Json, refused.Content.Headers.ContentType?.ToString());
    }

    [TestMethod]
    public async Task EmptyJsonBody_OnEveryVerb_MeansNoParameters()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var member = await CreateUserAsync("member");
        var project = await PublishedProjectAsync(admin);
        await ProjectFactory.AddMemberAsync(Services, project, member, AccessLevel.Developer);
        var client = Client(token);

        var list = await SendAsync(client, HttpMethod.Get, "/api/v4/projects?per_page=1", "");
        Assert.AreEqual(HttpStatusCode.OK, list.StatusCode, await list.Content.ReadAsStringAsync());
        Assert.AreEqual("1", list.Headers.GetValues("X-Per-Page").Single(), "the query still counts");
        var tags = await SendAsync(client, HttpMethod.Get, $"/api/v4/projects/{project.Id}/repository/tags", "");
        Assert.AreEqual(HttpStatusCode.OK, tags.StatusCode, await tags.Content.ReadAsStringAsync());
        // GitLab (Grape) reads no body on GET at all, so even a broken one does not matter there.
        var junk = await SendAsync(client, HttpMethod.Get, "/api/v4/projects", "{\"search\": ");
        Assert.AreEqual(HttpStatusCode.OK, junk.StatusCode, await junk.Content.ReadAsStringAsync());
        var head = await SendAsync(client, HttpMethod.Head, "/api/v4/projects", "");
        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);

        var flag = await SendAsync(client, HttpMethod.Post, "/api/v4/features/go_proxy?value=true", "");
        Assert.AreEqual(HttpStatusCode.Created, flag.StatusCode, await flag.Content.ReadAsStringAsync());
        var update = await SendAsync(client, HttpMethod.Put, $"/api/v4/projects/{project.Id}?description=from+the+query", " \r\n");
        Assert.AreEqual(HttpStatusCode.OK, update.StatusCode, await update.Content.ReadAsStringAsync());
        StringAssert.Contains(await update.Content.ReadAsStringAsync(), "from the query");
        var missing = await SendAsync(client, HttpMethod.Post, "/api/v4/projects", "");
        Assert.AreEqual(HttpStatusCode.BadRequest, missing.StatusCode);
        StringAssert.DoesNotMatch(await missing.Content.ReadAsStringAsync(), new System.Text.RegularExpressions.Regex("Invalid JSON"), "an empty body is no parameters, not bad JSON");
        var removed = await SendAsync(client, HttpMethod.Delete, $"/api/v4/projects/{project.Id}/members/{member.Id}", "");
        Assert.AreEqual(HttpStatusCode.NoContent, removed.StatusCode, await removed.Content.ReadAsStringAsync());
        var unset = await SendAsync(client, HttpMethod.Delete, "/api/v4/features/go_proxy", "");
        Assert.AreEqual(HttpStatusCode.NoContent, unset.StatusCode, await unset.Content.ReadAsStringAsync());
        // A broken body where GitLab does read one is still an error.
        var broken = await SendAsync(client, HttpMethod.Post, "/api/v4/projects", "{\"name\": ");
        Assert.AreEqual(HttpStatusCode.BadRequest, broken.StatusCode);
        StringAssert.Contains(await broken.Content.ReadAsStringAsync(), "Invalid JSON body");
    }

    [TestMethod]
    public async Task RepeatedSlashes_InApiPaths_AreMergedButNotInModuleOrGitPaths()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var project = await PublishedProjectAsync(admin);
        var client = Client(token);

        // python-gitlab's FeatureManager builds exactly this path.
        var flag = await client.PostAsync("/api/v4/features//go_proxy?value=true", null);
        Assert.AreEqual(HttpStatusCode.Created, flag.StatusCode, await flag.Content.ReadAsStringAsync());
        StringAssert.Contains(await flag.Content.ReadAsStringAsync(), "\"name\":\"go_proxy\"");
        foreach (var path in new[] { "/api//v4///projects", $"/api/v4//projects//{project.Id}", "/api/v4/projects/ns%2Flib//repository///tags", "/api/v4/projects/ns%2Flib/" })
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
        }
        var proxy = $"/api/v4//projects//{project.Id}//packages//go/gitlab.example.com/ns/lib/@v/list";
        var list = await client.GetAsync(proxy);
        Assert.AreEqual(HttpStatusCode.OK, list.StatusCode, await list.Content.ReadAsStringAsync());
        Assert.AreEqual("v1.0.0\n", await list.Content.ReadAsStringAsync());
        foreach (var path in new[]
        {
            $"/api/v4/projects/{project.Id}/packages/go//gitlab.example.com/ns/lib/@v/list",
            $"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com//ns/lib/@v/list",
            $"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com/ns/lib/@v//list",
        })
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
        }
        var basic = BasicClient(token);
        Assert.AreEqual(HttpStatusCode.OK, (await basic.GetAsync("/ns/lib.git/info/refs?service=git-upload-pack")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await basic.GetAsync("/ns//lib.git/info/refs?service=git-upload-pack")).StatusCode);
    }

    [TestMethod]
    public async Task Head_OnGetRoutes_AnswersAsGetWithoutABody()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var project = await PublishedProjectAsync(admin);
        using var client = LiveServer.Shared.CreateSocketClient(token);
        await client.PostAsync("api/v4/features/go_proxy?value=true", null);
        foreach (var path in new[]
        {
            "api/v4/version", "api/v4/user", "api/v4/projects", $"api/v4/projects/{project.Id}", $"api/v4/projects/{project.Id}/repository/tags",
            $"api/v4/projects/{project.Id}/repository/branches/main", "api/v4/groups", "api/v4/users?username=boss",
            $"api/v4/projects/{project.Id}/packages/go/{LiveServer.Shared.Host}/ns/lib/@v/v1.0.0.info",
            $"api/v4/packages/go/{LiveServer.Shared.Host}/ns/lib/@v/list", $"api/v4/groups/{project.NamespaceId}/-/packages/go/{LiveServer.Shared.Host}/ns/lib/@v/list",
            "-/health", "explore/projects", "users/sign_in",
        })
        {
            var get = await client.GetAsync(path);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.AreEqual(get.StatusCode, head.StatusCode, path);
            Assert.AreEqual(HttpStatusCode.OK, head.StatusCode, path);
            Assert.AreEqual(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString(), path);
            Assert.IsEmpty(await head.Content.ReadAsByteArrayAsync(), path);
        }
        // git's ref advertisement too (GitLab routes it as GET, which Rails answers for HEAD).
        var refs = new HttpRequestMessage(HttpMethod.Head, "ns/lib.git/info/refs?service=git-upload-pack");
        refs.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"boss:{token}")));
        var refsHead = await client.SendAsync(refs);
        Assert.AreEqual(HttpStatusCode.OK, refsHead.StatusCode);
        Assert.AreEqual("application/x-git-upload-pack-advertisement", refsHead.Content.Headers.ContentType?.MediaType);
        Assert.IsEmpty(await refsHead.Content.ReadAsByteArrayAsync());
        // The same gate as GET: a private project is 401 to anyone without credentials.
        using var anonymous = LiveServer.Shared.CreateSocketClient();
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"api/v4/projects/{project.Id}"))).StatusCode);
        var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/v4/no/such/route"));
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.AreEqual(Json, unknown.Content.Headers.ContentType?.ToString());
    }

    /// <summary>A private project ns/lib holding a module tagged v1.0.0 (no go.mod: its path is the import path).</summary>
    private static async Task<Project> PublishedProjectAsync(GitLabLite.Models.Users.User owner)
    {
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "ns");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "lib", group);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync("lib.go", "package lib\n");
        await git.TagAsync("v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        return project;
    }

    /// <summary>A request carrying exactly "Content-Type: application/json", as python-gitlab sends on every call.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string body)
    {
        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        return client.SendAsync(request);
    }

    private static ByteArrayContent JsonBody(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        return content;
    }
}
