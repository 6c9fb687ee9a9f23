using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class UsersSpec : RequestSpec
{
    private static Task<long> UserCountAsync() => Get<UserRepository>().CountAsync(null, CancellationToken.None);

    private static async Task<long> NamespaceCountAsync()
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM namespaces");
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static object NewUser(string username = "bob", string? email = null) =>
        new { username, email = email ?? $"{username}@example.com", name = "Bob Builder", password = "s3cret-pass" };

    private static async Task<string> AdminTokenAsync(string[]? scopes = null) =>
        (await CreateUserWithTokenAsync("boss", admin: true, scopes: scopes)).Token;

    // GET /user

    [TestMethod]
    public async Task Current_WithoutCredentials_Returns401()
    {
        var response = await Client().GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("401 Unauthorized", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task Current_WithUnknownToken_Returns401()
    {
        var response = await Client("glpat-notarealtokenatallxxxx").GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task Current_WithExpiredToken_Returns401()
    {
        var user = await CreateUserAsync("alice");
        var token = await CreateTokenAsync(user, expiresAt: DateTime.UtcNow.Date);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Current_WithRevokedToken_Returns401()
    {
        var (user, token) = await CreateUserWithTokenAsync("alice");
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
        var tokens = Get<PersonalAccessTokenRepository>();
        var record = (await tokens.ListAsync(user.Id, 0, 10, CancellationToken.None)).Single();
        await tokens.RevokeAsync(record.Id, CancellationToken.None);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    [DataRow("api")]
    [DataRow("read_api")]
    [DataRow("read_user")]
    public async Task Current_WithReadingScope_ReturnsPrivateUserShape(string scope)
    {
        var (user, token) = await CreateUserWithTokenAsync("alice", scopes: [scope]);
        var response = await Client(token).GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual(user.Id, json.GetProperty("id").GetInt64());
        Assert.AreEqual("alice", json.GetProperty("username").GetString());
        Assert.AreEqual("alice", json.GetProperty("name").GetString());
        Assert.AreEqual("active", json.GetProperty("state").GetString());
        Assert.IsFalse(json.GetProperty("locked").GetBoolean());
        Assert.AreEqual(JsonValueKind.Null, json.GetProperty("avatar_url").ValueKind);
        Assert.AreEqual($"{AppFactory.ExternalUrl}/alice", json.GetProperty("web_url").GetString());
        Assert.IsTrue(json.GetProperty("created_at").TryGetDateTime(out _));
        Assert.AreEqual("alice@example.com", json.GetProperty("email").GetString());
        Assert.IsFalse(json.GetProperty("is_admin").GetBoolean());
        Assert.IsFalse(json.TryGetProperty("encrypted_password", out _));
    }

    [TestMethod]
    [DataRow("read_repository")]
    [DataRow("write_repository")]
    public async Task Current_WithRepositoryOnlyScope_Returns403InsufficientScope(string scope)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", scopes: [scope]);
        var response = await Client(token).GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("insufficient_scope", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [TestMethod]
    public async Task Current_WithBearerOrQueryToken_ReturnsUser()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var bearer = Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.AreEqual("alice", (await JsonAsync(await bearer.GetAsync("/api/v4/user"))).GetProperty("username").GetString());
        var query = await Client().GetAsync($"/api/v4/user?private_token={token}");
        Assert.AreEqual("alice", (await JsonAsync(query)).GetProperty("username").GetString());
    }

    [TestMethod]
    public async Task Current_AsAdmin_ShowsIsAdmin()
    {
        var json = await JsonAsync(await Client(await AdminTokenAsync()).GetAsync("/api/v4/user"));
        Assert.IsTrue(json.GetProperty("is_admin").GetBoolean());
    }

    // GET /users

    [TestMethod]
    public async Task Index_ByUsername_ReturnsThatUserCaseInsensitively_WithoutPrivateFields()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_user"]);
        var bob = await CreateUserAsync("Bob");
        var response = await Client(token).GetAsync("/api/v4/users?username=bob");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var users = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.HasCount(1, users);
        Assert.AreEqual(bob.Id, users[0].GetProperty("id").GetInt64());
        Assert.AreEqual("Bob", users[0].GetProperty("username").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/Bob", users[0].GetProperty("web_url").GetString());
        Assert.IsFalse(users[0].TryGetProperty("email", out _));
        Assert.IsFalse(users[0].TryGetProperty("is_admin", out _));
        Assert.AreEqual("1", response.Headers.GetValues("X-Total").Single());
    }

    [TestMethod]
    public async Task Index_WithUnknownUsername_ReturnsEmptyList()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var json = await JsonAsync(await Client(token).GetAsync("/api/v4/users?username=nobody"));
        Assert.AreEqual(0, json.GetArrayLength());
    }

    [TestMethod]
    public async Task Index_WithPagination_ReturnsRequestedPageAndHeaders()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        await CreateUserAsync("bob");
        // root, alice, bob
        var response = await Client(token).GetAsync("/api/v4/users?per_page=1&page=2");
        var users = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.HasCount(1, users);
        Assert.AreEqual("alice", users[0].GetProperty("username").GetString());
        Assert.AreEqual("3", response.Headers.GetValues("X-Total").Single());
        Assert.AreEqual("3", response.Headers.GetValues("X-Total-Pages").Single());
        Assert.AreEqual("3", response.Headers.GetValues("X-Next-Page").Single());
        Assert.AreEqual("1", response.Headers.GetValues("X-Prev-Page").Single());
    }

    [TestMethod]
    public async Task Index_AsAdmin_IncludesEmailAndIsAdmin()
    {
        var json = await JsonAsync(await Client(await AdminTokenAsync()).GetAsync("/api/v4/users?username=root"));
        Assert.AreEqual("admin@example.com", json[0].GetProperty("email").GetString());
        Assert.IsTrue(json[0].GetProperty("is_admin").GetBoolean());
    }

    [TestMethod]
    public async Task Index_WithoutCredentials_Returns401()
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/v4/users?username=root")).StatusCode);
    }

    [TestMethod]
    public async Task Index_WithRepositoryOnlyToken_Returns403()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_repository"]);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(token).GetAsync("/api/v4/users")).StatusCode);
    }

    // GET /users/:id

    [TestMethod]
    public async Task Show_OtherUser_ReturnsPublicProfileWithoutEmail()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", scopes: ["read_user"]);
        var bob = await CreateUserAsync("bob");
        var response = await Client(token).GetAsync($"/api/v4/users/{bob.Id}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual("bob", json.GetProperty("username").GetString());
        Assert.IsTrue(json.GetProperty("created_at").TryGetDateTime(out _));
        Assert.AreEqual("", json.GetProperty("bio").GetString());
        Assert.IsFalse(json.TryGetProperty("email", out _));
        Assert.IsFalse(json.TryGetProperty("is_admin", out _));
    }

    [TestMethod]
    public async Task Show_Self_IncludesEmail()
    {
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var json = await JsonAsync(await Client(token).GetAsync($"/api/v4/users/{alice.Id}"));
        Assert.AreEqual("alice@example.com", json.GetProperty("email").GetString());
    }

    [TestMethod]
    public async Task Show_AsAdmin_IncludesEmailAndIsAdmin()
    {
        var bob = await CreateUserAsync("bob");
        var json = await JsonAsync(await Client(await AdminTokenAsync(["read_api"])).GetAsync($"/api/v4/users/{bob.Id}"));
        Assert.AreEqual("bob@example.com", json.GetProperty("email").GetString());
        Assert.IsFalse(json.GetProperty("is_admin").GetBoolean());
    }

    [TestMethod]
    [DataRow("999999", "404 User Not Found")]
    [DataRow("abc", "404 Not Found")]
    [DataRow("99999999999999999999999", "404 Not Found")]
    public async Task Show_UnknownOrMalformedId_Returns404(string id, string message)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var response = await Client(token).GetAsync($"/api/v4/users/{id}");
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual(message, (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task Show_WithoutCredentials_Returns401()
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/v4/users/1")).StatusCode);
    }

    // POST /users

    [TestMethod]
    public async Task Create_AsAdmin_CreatesUserWithNamespaceAndHashedPassword()
    {
        var response = await Client(await AdminTokenAsync()).PostAsJsonAsync("/api/v4/users",
            new { username = "bob", email = "bob@example.com", name = "Bob Builder", password = "s3cret-pass", admin = true, skip_confirmation = true, projects_limit = 5 });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual("bob", json.GetProperty("username").GetString());
        Assert.AreEqual("bob@example.com", json.GetProperty("email").GetString());
        Assert.AreEqual("Bob Builder", json.GetProperty("name").GetString());
        Assert.IsTrue(json.GetProperty("is_admin").GetBoolean());
        var bob = await Get<UserRepository>().FindByUsernameOrNullAsync("bob", CancellationToken.None);
        Assert.IsNotNull(bob);
        Assert.AreEqual(json.GetProperty("id").GetInt64(), bob.Id);
        Assert.AreNotEqual("s3cret-pass", bob.EncryptedPassword);
        Assert.AreEqual(PasswordVerificationResult.Success, Get<IPasswordHasher<User>>().VerifyHashedPassword(bob, bob.EncryptedPassword, "s3cret-pass"));
        // root, admin, bob: each has a personal namespace.
        Assert.AreEqual(3, await NamespaceCountAsync());
    }

    [TestMethod]
    public async Task Create_WithFormBody_CreatesNonAdminUser()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "bob", ["email"] = "bob@example.com", ["name"] = "Bob", ["password"] = "s3cret-pass", ["skip_confirmation"] = "true",
        });
        var response = await Client(await AdminTokenAsync()).PostAsync("/api/v4/users", form);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.IsFalse((await JsonAsync(response)).GetProperty("is_admin").GetBoolean());
    }

    [TestMethod]
    [DataRow("a")]
    [DataRow("_")]
    [DataRow("a.b-c_d")]
    [DataRow("user-")]
    [DataRow(".dotted")]
    [DataRow("api1")]
    public async Task Create_WithValidUsername_Returns201(string username)
    {
        var response = await Client(await AdminTokenAsync()).PostAsJsonAsync("/api/v4/users", NewUser(username, "x@example.com"));
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Create_AsNonAdmin_Returns403AndWritesNothing()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var before = await UserCountAsync();
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", NewUser());
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("403 Forbidden", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    [DataRow("read_api")]
    [DataRow("read_user")]
    public async Task Create_AsAdminWithReadOnlyToken_Returns403InsufficientScope(string scope)
    {
        var token = await AdminTokenAsync([scope]);
        var before = await UserCountAsync();
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", NewUser());
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("insufficient_scope", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    public async Task Create_WithoutCredentials_Returns401()
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().PostAsJsonAsync("/api/v4/users", NewUser())).StatusCode);
    }

    [TestMethod]
    [DataRow("{\"username\": \"bob\",", "JSON")]
    [DataRow("[1, 2]", "object")]
    [DataRow("{\"username\":\"bob\",\"email\":\"bob@example.com\",\"name\":\"Bob\",\"password\":\"s3cret-pass\",\"admin\":\"maybe\"}", "admin")]
    [DataRow("{\"username\":\"bob\",\"email\":\"bob@example.com\",\"name\":\"Bob\",\"password\":\"s3cret-pass\",\"skip_confirmation\":[]}", "skip_confirmation")]
    [DataRow("{\"username\":5,\"email\":\"bob@example.com\",\"name\":\"Bob\",\"password\":\"s3cret-pass\"}", "username")]
    [DataRow("{\"username\":{\"a\":1},\"email\":\"bob@example.com\",\"name\":\"Bob\",\"password\":\"s3cret-pass\"}", "username")]
    public async Task Create_WithMalformedBody_Returns400NamingTheProblem(string body, string mentioned)
    {
        var token = await AdminTokenAsync();
        var before = await UserCountAsync();
        var response = await Client(token).PostAsync("/api/v4/users", JsonBody(body));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains((await JsonAsync(response)).GetProperty("message").GetString(), mentioned);
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    [DataRow("username", "")]
    [DataRow("username", "-bob")]
    [DataRow("username", "bob.")]
    [DataRow("username", "bob.git")]
    [DataRow("username", "bob.ATOM")]
    [DataRow("username", "bo b")]
    [DataRow("username", "bob/x")]
    [DataRow("username", "bøb")]
    [DataRow("username", "api")]
    [DataRow("username", "Users")]
    [DataRow("username", "-")]
    [DataRow("username", "groups")]
    [DataRow("username", "admin")]
    [DataRow("username", "explore")]
    [DataRow("username", "help")]
    [DataRow("username", "dashboard")]
    [DataRow("email", "")]
    [DataRow("email", "not-an-email")]
    [DataRow("email", "two@at@example.com")]
    [DataRow("email", "sp ace@example.com")]
    [DataRow("name", "")]
    [DataRow("password", "")]
    [DataRow("password", "short")]
    public async Task Create_WithInvalidField_Returns400NamingField(string field, string value)
    {
        var token = await AdminTokenAsync();
        var before = await UserCountAsync();
        var body = new Dictionary<string, object> { ["username"] = "bob", ["email"] = "bob@example.com", ["name"] = "Bob", ["password"] = "s3cret-pass" };
        body[field] = value;
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", body);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await JsonAsync(response)).GetProperty("message");
        Assert.IsTrue(message.TryGetProperty(field, out var errors), message.ToString());
        Assert.IsTrue(errors.GetArrayLength() > 0);
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    [DataRow("username", 256)]
    [DataRow("name", 256)]
    [DataRow("email", 250)]
    [DataRow("password", 129)]
    public async Task Create_WithOverLongField_Returns400NamingField(string field, int length)
    {
        var token = await AdminTokenAsync();
        var before = await UserCountAsync();
        var body = new Dictionary<string, object> { ["username"] = "bob", ["email"] = "bob@example.com", ["name"] = "Bob", ["password"] = "s3cret-pass" };
        body[field] = field == "email" ? new string('e', length) + "@example.com" : new string('a', length);
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", body);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsTrue((await JsonAsync(response)).GetProperty("message").TryGetProperty(field, out _));
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    public async Task Create_WithMissingFields_Returns400NamingEach()
    {
        var response = await Client(await AdminTokenAsync()).PostAsJsonAsync("/api/v4/users", new { });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await JsonAsync(response)).GetProperty("message");
        foreach (var field in new[] { "username", "email", "name", "password" })
            Assert.AreEqual("can't be blank", message.GetProperty(field)[0].GetString());
    }

    [TestMethod]
    public async Task Create_WithTakenEmail_Returns409()
    {
        await CreateUserAsync("alice");
        var token = await AdminTokenAsync();
        var before = await UserCountAsync();
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", NewUser("bob", "ALICE@example.com"));
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual("Email has already been taken", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    public async Task Create_WithTakenUsername_Returns409()
    {
        await CreateUserAsync("alice");
        var token = await AdminTokenAsync();
        var before = await UserCountAsync();
        var namespaces = await NamespaceCountAsync();
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", NewUser("Alice", "new@example.com"));
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual("Username has already been taken", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(before, await UserCountAsync());
        Assert.AreEqual(namespaces, await NamespaceCountAsync());
    }

    [TestMethod]
    public async Task Create_WithUsernameOfExistingGroup_Returns409AndRollsBack()
    {
        var token = await AdminTokenAsync();
        await Get<NamespaceRepository>().CreateGroupAsync("Acme", "acme", null, Visibility.Private, "", 1, CancellationToken.None);
        var before = await UserCountAsync();
        var namespaces = await NamespaceCountAsync();
        var response = await Client(token).PostAsJsonAsync("/api/v4/users", NewUser("ACME"));
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual("Username has already been taken", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(before, await UserCountAsync());
        Assert.AreEqual(namespaces, await NamespaceCountAsync());
    }
}
