using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class PersonalAccessTokensSpec : RequestSpec
{
    private static readonly string Tomorrow = DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd");

    private static PersonalAccessTokenRepository Tokens => Get<PersonalAccessTokenRepository>();

    private static Task<long> TokenCountAsync() => Tokens.CountAsync(null, CancellationToken.None);

    private static async Task<PersonalAccessToken> OnlyTokenOfAsync(User user) =>
        (await Tokens.ListAsync(user.Id, 0, 100, CancellationToken.None)).Single();

    private static object NewToken(string[]? scopes = null, string? expiresAt = null) =>
        new { name = "ci", scopes = scopes ?? ["api"], expires_at = expiresAt ?? Tomorrow };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) => method switch
    {
        "GET" => await client.GetAsync(path),
        "DELETE" => await client.DeleteAsync(path),
        _ => await client.PostAsJsonAsync(path, NewToken()),
    };

    // Every endpoint of this controller, with a placeholder for a user id and a token id.
    public static IEnumerable<object[]> Endpoints =>
    [
        ["POST", "/api/v4/users/{user}/personal_access_tokens"],
        ["POST", "/api/v4/user/personal_access_tokens"],
        ["GET", "/api/v4/personal_access_tokens"],
        ["GET", "/api/v4/personal_access_tokens/self"],
        ["GET", "/api/v4/personal_access_tokens/{token}"],
        ["DELETE", "/api/v4/personal_access_tokens/self"],
        ["DELETE", "/api/v4/personal_access_tokens/{token}"],
    ];

    private static async Task<(string Path, long Count)> PrepareAsync(string path)
    {
        var (bob, _) = await CreateUserWithTokenAsync("bob");
        var token = await OnlyTokenOfAsync(bob);
        return (path.Replace("{user}", bob.Id.ToString()).Replace("{token}", token.Id.ToString()), await TokenCountAsync());
    }

    // Authentication table

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public async Task Endpoint_WithoutCredentials_Returns401(string method, string path)
    {
        var (url, count) = await PrepareAsync(path);
        var response = await SendAsync(Client(), method, url);
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("401 Unauthorized", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(count, await TokenCountAsync());
    }

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public async Task Endpoint_WithInvalidExpiredOrRevokedToken_Returns401(string method, string path)
    {
        var (url, _) = await PrepareAsync(path);
        var admin = await CreateUserAsync("boss", admin: true);
        var expired = await CreateTokenAsync(admin, expiresAt: DateTime.UtcNow.Date.AddDays(-1));
        var revoked = await CreateTokenAsync(admin);
        var revokedId = (await Tokens.ListAsync(admin.Id, 0, 100, CancellationToken.None)).Max(t => t.Id);
        await Tokens.RevokeAsync(revokedId, CancellationToken.None);
        var count = await TokenCountAsync();
        foreach (var token in new[] { "glpat-notarealtokenatallxxxx", expired, revoked })
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(Client(token), method, url)).StatusCode, token);
        Assert.AreEqual(count, await TokenCountAsync());
    }

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public async Task Endpoint_WithReadUserOrRepositoryScope_Returns403InsufficientScope(string method, string path)
    {
        var (url, _) = await PrepareAsync(path);
        var admin = await CreateUserAsync("boss", admin: true);
        foreach (var scope in new[] { "read_user", "read_repository", "write_repository" })
        {
            var token = await CreateTokenAsync(admin, [scope]);
            var count = await TokenCountAsync();
            var response = await SendAsync(Client(token), method, url);
            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, scope);
            Assert.AreEqual("insufficient_scope", (await JsonAsync(response)).GetProperty("error").GetString());
            Assert.AreEqual(count, await TokenCountAsync());
        }
    }

    [TestMethod]
    [DataRow("POST", "/api/v4/users/{user}/personal_access_tokens")]
    [DataRow("POST", "/api/v4/user/personal_access_tokens")]
    [DataRow("DELETE", "/api/v4/personal_access_tokens/self")]
    [DataRow("DELETE", "/api/v4/personal_access_tokens/{token}")]
    public async Task Write_WithReadApiToken_Returns403AndChangesNothing(string method, string path)
    {
        var (url, _) = await PrepareAsync(path);
        var admin = await CreateUserAsync("boss", admin: true);
        var token = await CreateTokenAsync(admin, ["read_api"]);
        var count = await TokenCountAsync();
        var response = await SendAsync(Client(token), method, url);
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("insufficient_scope", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.AreEqual(count, await TokenCountAsync());
        Assert.IsFalse((await Tokens.ListAsync(null, 0, 100, CancellationToken.None)).Any(t => t.Revoked));
    }

    // POST /users/:user_id/personal_access_tokens

    [TestMethod]
    public async Task CreateForUser_AsAdmin_Returns201WithWorkingToken()
    {
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var bob = await CreateUserAsync("bob");
        var response = await Client(adminToken).PostAsJsonAsync($"/api/v4/users/{bob.Id}/personal_access_tokens",
            new { name = "ci", scopes = new[] { "read_api", "read_repository" }, expires_at = Tomorrow, description = "ignored" });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual("ci", json.GetProperty("name").GetString());
        Assert.AreEqual(bob.Id, json.GetProperty("user_id").GetInt64());
        CollectionAssert.AreEqual(new[] { "read_api", "read_repository" }, json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        Assert.AreEqual(Tomorrow, json.GetProperty("expires_at").GetString());
        Assert.IsFalse(json.GetProperty("revoked").GetBoolean());
        Assert.IsTrue(json.GetProperty("active").GetBoolean());
        Assert.AreEqual(JsonValueKind.Null, json.GetProperty("last_used_at").ValueKind);
        Assert.IsTrue(json.GetProperty("created_at").TryGetDateTime(out _));
        var token = json.GetProperty("token").GetString()!;
        StringAssert.StartsWith(token, "glpat-");
        Assert.AreEqual(PersonalAccessToken.Digest(token), (await OnlyTokenOfAsync(bob)).TokenDigest);
        Assert.AreEqual("bob", (await JsonAsync(await Client(token).GetAsync("/api/v4/user"))).GetProperty("username").GetString());
    }

    [TestMethod]
    public async Task CreateForUser_WithoutExpiry_ExpiresAfterTheMaximumLifetime()
    {
        var (admin, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var response = await Client(adminToken).PostAsJsonAsync($"/api/v4/users/{admin.Id}/personal_access_tokens", new { name = "ci", scopes = new[] { "api" } });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.AreEqual(DateTime.UtcNow.Date.AddDays(365).ToString("yyyy-MM-dd"), (await JsonAsync(response)).GetProperty("expires_at").GetString());
    }

    [TestMethod]
    public async Task CreateForUser_WithFormArrayScopes_Returns201()
    {
        var (admin, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var form = new FormUrlEncodedContent([new("name", "ci"), new("scopes[]", "api"), new("scopes[]", "read_user"), new("expires_at", Tomorrow)]);
        var response = await Client(adminToken).PostAsync($"/api/v4/users/{admin.Id}/personal_access_tokens", form);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.AreEqual(2, (await JsonAsync(response)).GetProperty("scopes").GetArrayLength());
    }

    [TestMethod]
    public async Task CreateForUser_AsNonAdmin_Returns403AndWritesNothing()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var count = await TokenCountAsync();
        var response = await Client(token).PostAsJsonAsync($"/api/v4/users/{alice.Id}/personal_access_tokens", NewToken());
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("403 Forbidden", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(count, await TokenCountAsync());
    }

    [TestMethod]
    public async Task CreateForUser_UnknownUser_Returns404()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var response = await Client(token).PostAsJsonAsync("/api/v4/users/999999/personal_access_tokens", NewToken());
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("404 User Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    // POST /user/personal_access_tokens

    [TestMethod]
    [DataRow("api")]
    [DataRow("read_api")]
    [DataRow("read_user")]
    [DataRow("read_repository")]
    [DataRow("write_repository")]
    public async Task CreateForSelf_WithAnyKnownScope_Returns201(string scope)
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var response = await Client(token).PostAsJsonAsync("/api/v4/user/personal_access_tokens", NewToken([scope]));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual(alice.Id, json.GetProperty("user_id").GetInt64());
        Assert.AreEqual(scope, json.GetProperty("scopes")[0].GetString());
        Assert.IsTrue(json.TryGetProperty("token", out _));
    }

    [TestMethod]
    [DataRow("{\"name\":\"ci\",", "JSON")]
    [DataRow("{\"name\":\"ci\",\"scopes\":5}", "scopes")]
    [DataRow("{\"name\":\"ci\",\"scopes\":\"api\"}", "scopes")]
    [DataRow("{\"name\":\"ci\",\"scopes\":[\"api\", 7]}", "scopes")]
    [DataRow("{\"name\":[\"ci\"],\"scopes\":[\"api\"]}", "name")]
    [DataRow("{\"name\":\"ci\",\"scopes\":[\"api\"],\"expires_at\":\"tomorrow\"}", "expires_at")]
    [DataRow("{\"name\":\"ci\",\"scopes\":[\"api\"],\"expires_at\":20300101}", "expires_at")]
    public async Task Create_WithMalformedBody_Returns400NamingTheProblem(string body, string mentioned)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var count = await TokenCountAsync();
        var response = await Client(token).PostAsync("/api/v4/user/personal_access_tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains((await JsonAsync(response)).GetProperty("message").GetString(), mentioned);
        Assert.AreEqual(count, await TokenCountAsync());
    }

    public static IEnumerable<object[]> InvalidFields =>
    [
        ["name", new { scopes = new[] { "api" }, expires_at = Tomorrow }],
        ["name", new { name = "", scopes = new[] { "api" }, expires_at = Tomorrow }],
        ["name", new { name = new string('n', 256), scopes = new[] { "api" }, expires_at = Tomorrow }],
        ["scopes", new { name = "ci", expires_at = Tomorrow }],
        ["scopes", new { name = "ci", scopes = Array.Empty<string>(), expires_at = Tomorrow }],
        ["scopes", new { name = "ci", scopes = new[] { "api", "sudo" }, expires_at = Tomorrow }],
        ["scopes", new { name = "ci", scopes = new[] { "API" }, expires_at = Tomorrow }],
        ["expires_at", new { name = "ci", scopes = new[] { "api" }, expires_at = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyy-MM-dd") }],
        ["expires_at", new { name = "ci", scopes = new[] { "api" }, expires_at = DateTime.UtcNow.Date.ToString("yyyy-MM-dd") }],
        ["expires_at", new { name = "ci", scopes = new[] { "api" }, expires_at = DateTime.UtcNow.Date.AddDays(366).ToString("yyyy-MM-dd") }],
    ];

    [TestMethod]
    [DynamicData(nameof(InvalidFields))]
    public async Task Create_WithInvalidField_Returns400NamingField(string field, object body)
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var count = await TokenCountAsync();
        foreach (var path in new[] { "/api/v4/user/personal_access_tokens", $"/api/v4/users/{admin.Id}/personal_access_tokens" })
        {
            var response = await Client(token).PostAsJsonAsync(path, body);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, path);
            var message = (await JsonAsync(response)).GetProperty("message");
            Assert.IsTrue(message.TryGetProperty(field, out var errors), message.ToString());
            Assert.IsTrue(errors.GetArrayLength() > 0);
        }
        Assert.AreEqual(count, await TokenCountAsync());
    }

    [TestMethod]
    public async Task Create_WithLastAllowedExpiry_Returns201()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var last = DateTime.UtcNow.Date.AddDays(365).ToString("yyyy-MM-dd");
        var response = await Client(token).PostAsJsonAsync("/api/v4/user/personal_access_tokens", NewToken(expiresAt: last));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.AreEqual(last, (await JsonAsync(response)).GetProperty("expires_at").GetString());
    }

    // GET /personal_access_tokens

    [TestMethod]
    public async Task Index_AsUser_ListsOnlyOwnTokens_IgnoringUserId()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_api"]);
        await CreateTokenAsync(alice);
        var (bob, _) = await CreateUserWithTokenAsync("bob");
        foreach (var url in new[] { "/api/v4/personal_access_tokens", $"/api/v4/personal_access_tokens?user_id={bob.Id}" })
        {
            var response = await Client(token).GetAsync(url);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            var tokens = (await JsonAsync(response)).EnumerateArray().ToList();
            Assert.HasCount(2, tokens);
            Assert.IsTrue(tokens.All(t => t.GetProperty("user_id").GetInt64() == alice.Id));
            Assert.IsTrue(tokens.All(t => !t.TryGetProperty("token", out _)));
            Assert.AreEqual("2", response.Headers.GetValues("X-Total").Single());
        }
    }

    [TestMethod]
    public async Task Index_AsAdmin_ListsAllOrThoseOfUserId()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var (bob, _) = await CreateUserWithTokenAsync("bob");
        await CreateUserWithTokenAsync("carol");
        Assert.AreEqual(3, (await JsonAsync(await Client(token).GetAsync("/api/v4/personal_access_tokens"))).GetArrayLength());
        var bobs = await JsonAsync(await Client(token).GetAsync($"/api/v4/personal_access_tokens?user_id={bob.Id}"));
        Assert.AreEqual(1, bobs.GetArrayLength());
        Assert.AreEqual(bob.Id, bobs[0].GetProperty("user_id").GetInt64());
    }

    [TestMethod]
    public async Task Index_WithPagination_ReturnsPageAndHeaders()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        await CreateTokenAsync(alice);
        await CreateTokenAsync(alice);
        var response = await Client(token).GetAsync("/api/v4/personal_access_tokens?per_page=2&page=2");
        Assert.AreEqual(1, (await JsonAsync(response)).GetArrayLength());
        Assert.AreEqual("3", response.Headers.GetValues("X-Total").Single());
        Assert.AreEqual("2", response.Headers.GetValues("X-Total-Pages").Single());
    }

    [TestMethod]
    public async Task Index_WithNonNumericUserId_Returns400()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var response = await Client(token).GetAsync("/api/v4/personal_access_tokens?user_id=abc");
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains((await JsonAsync(response)).GetProperty("message").GetString(), "user_id");
    }

    [TestMethod]
    public async Task Index_ShowsRevokedTokensAsInactive()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var other = await CreateTokenAsync(alice);
        await Client(other).DeleteAsync("/api/v4/personal_access_tokens/self");
        var tokens = (await JsonAsync(await Client(token).GetAsync("/api/v4/personal_access_tokens"))).EnumerateArray().ToList();
        var revoked = tokens.Single(t => t.GetProperty("revoked").GetBoolean());
        Assert.IsFalse(revoked.GetProperty("active").GetBoolean());
    }

    // GET /personal_access_tokens/self and /:id

    [TestMethod]
    public async Task Self_ReturnsPresentingToken_WithLastUsedAtSetAfterUse()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_api"]);
        Assert.IsNull((await OnlyTokenOfAsync(alice)).LastUsedAt);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
        var used = await OnlyTokenOfAsync(alice);
        Assert.IsNotNull(used.LastUsedAt);
        Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTime.UtcNow - used.LastUsedAt.Value).Duration());
        var json = await JsonAsync(await Client(token).GetAsync("/api/v4/personal_access_tokens/self"));
        Assert.AreEqual(used.Id, json.GetProperty("id").GetInt64());
        Assert.AreEqual("spec", json.GetProperty("name").GetString());
        Assert.IsTrue(json.GetProperty("last_used_at").TryGetDateTime(out _));
        Assert.IsFalse(json.TryGetProperty("token", out _));
    }

    [TestMethod]
    public async Task Show_OwnToken_Returns200()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var id = (await OnlyTokenOfAsync(alice)).Id;
        var json = await JsonAsync(await Client(token).GetAsync($"/api/v4/personal_access_tokens/{id}"));
        Assert.AreEqual(id, json.GetProperty("id").GetInt64());
    }

    [TestMethod]
    public async Task Show_OtherUsersToken_Returns404AsForUnknown_UnlessAdmin()
    {
        var (_, aliceToken) = await CreateUserWithTokenAsync("alice");
        var (bob, _) = await CreateUserWithTokenAsync("bob");
        var bobsId = (await OnlyTokenOfAsync(bob)).Id;
        foreach (var id in new[] { bobsId, 999999 })
        {
            var response = await Client(aliceToken).GetAsync($"/api/v4/personal_access_tokens/{id}");
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
            Assert.AreEqual("404 Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
        }
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(adminToken).GetAsync($"/api/v4/personal_access_tokens/{bobsId}")).StatusCode);
    }

    // DELETE /personal_access_tokens/self and /:id

    [TestMethod]
    public async Task RevokeSelf_Returns204_AndTokenStopsWorkingAtOnce()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var response = await Client(token).DeleteAsync("/api/v4/personal_access_tokens/self");
        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.IsTrue((await OnlyTokenOfAsync(alice)).Revoked);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Revoke_OwnOtherToken_Returns204_AndThatTokenStopsWorking()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var second = await CreateTokenAsync(alice);
        var secondId = (await Tokens.ListAsync(alice.Id, 0, 10, CancellationToken.None)).Max(t => t.Id);
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(token).DeleteAsync($"/api/v4/personal_access_tokens/{secondId}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(second).GetAsync("/api/v4/user")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Revoke_OtherUsersToken_Returns404AndLeavesItWorking()
    {
        var (_, aliceToken) = await CreateUserWithTokenAsync("alice");
        var (bob, bobToken) = await CreateUserWithTokenAsync("bob");
        var bobsId = (await OnlyTokenOfAsync(bob)).Id;
        foreach (var id in new[] { bobsId, 999999 })
        {
            var response = await Client(aliceToken).DeleteAsync($"/api/v4/personal_access_tokens/{id}");
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
            Assert.AreEqual("404 Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
        }
        Assert.IsFalse((await OnlyTokenOfAsync(bob)).Revoked);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(bobToken).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Revoke_OtherUsersTokenAsAdmin_Returns204()
    {
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var (bob, bobToken) = await CreateUserWithTokenAsync("bob");
        var response = await Client(adminToken).DeleteAsync($"/api/v4/personal_access_tokens/{(await OnlyTokenOfAsync(bob)).Id}");
        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(bobToken).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Token_PastExpiryDate_StopsWorking()
    {
        var alice = await CreateUserAsync("alice");
        var today = await CreateTokenAsync(alice, expiresAt: DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Unspecified));
        var tomorrow = await CreateTokenAsync(alice, expiresAt: DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(1), DateTimeKind.Unspecified));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(today).GetAsync("/api/v4/personal_access_tokens/self")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(tomorrow).GetAsync("/api/v4/personal_access_tokens/self")).StatusCode);
    }
}
