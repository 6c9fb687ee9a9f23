using System.Net;
using Dapper;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// A membership past its expires_at grants nothing and lists nothing, wherever memberships are read (access, the
/// project and group lists, Explore, the dashboard, member lists), and none can be created already expired.
/// </summary>
[TestClass]
public sealed class ExpiredMembershipSpec : ProjectsRequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task ExpiredMemberships_GrantAndListNothing()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (alice, aliceToken) = await CreateUserWithTokenAsync("alice");
        var viaProject = await CreateGroupAsync(ownerToken, "hidden-a");
        var project = await CreateProjectAsync(ownerToken, "secret-a", namespaceId: viaProject.GetProperty("id").GetInt64());
        var viaGroup = await CreateGroupAsync(ownerToken, "hidden-b");
        await CreateProjectAsync(ownerToken, "secret-b", namespaceId: viaGroup.GetProperty("id").GetInt64());
        await AddMemberAsync(MemberSource.Project(project.GetProperty("id").GetInt64()), alice, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Group(viaGroup.GetProperty("id").GetInt64()), alice, AccessLevel.Developer);
        var before = await ListingsAsync(aliceToken);
        Assert.IsTrue(before.Contains("secret-a") && before.Contains("secret-b") && before.Contains("hidden-b"), "the memberships work while active");

        await ExpireAsync(alice.Id);

        var after = await ListingsAsync(aliceToken);
        foreach (var name in new[] { "secret-a", "secret-b", "hidden-a", "hidden-b" })
            Assert.IsFalse(after.Contains(name), $"{name} still listed through an expired membership");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(aliceToken).GetAsync("/api/v4/projects/hidden-a%2Fsecret-a")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(aliceToken).GetAsync("/api/v4/projects/hidden-b%2Fsecret-b")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(aliceToken).GetAsync("/api/v4/groups/hidden-b")).StatusCode);
        foreach (var members in new[] { "/api/v4/projects/hidden-a%2Fsecret-a/members", "/api/v4/projects/hidden-a%2Fsecret-a/members/all", "/api/v4/groups/hidden-b/members" })
            Assert.IsFalse((await Client(ownerToken).GetStringAsync(members)).Contains("\"alice\""), $"{members} lists the expired member");
    }

    [TestMethod]
    public async Task ExpiredMembership_CanBeGrantedAgain()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (alice, aliceToken) = await CreateUserWithTokenAsync("alice");
        var project = await CreateProjectAsync(ownerToken, "p");
        await AddMemberAsync(MemberSource.Project(project.GetProperty("id").GetInt64()), alice, AccessLevel.Developer);
        await ExpireAsync(alice.Id);
        var again = await PostJsonAsync(Client(ownerToken), "/api/v4/projects/owner%2Fp/members", new { user_id = alice.Id, access_level = 20 });
        Assert.AreEqual(HttpStatusCode.Created, again.StatusCode, await again.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.OK, (await Client(aliceToken).GetAsync("/api/v4/projects/owner%2Fp")).StatusCode);
    }

    [TestMethod]
    [DataRow(-1, HttpStatusCode.BadRequest)]
    [DataRow(0, HttpStatusCode.BadRequest)]
    [DataRow(1, HttpStatusCode.Created)]
    public async Task Create_WithExpiresAt_RefusesOneThatHasPassed(int daysFromToday, HttpStatusCode expected)
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (alice, _) = await CreateUserWithTokenAsync("alice");
        await CreateProjectAsync(ownerToken, "p");
        var group = await CreateGroupAsync(ownerToken, "g");
        var date = DateTime.UtcNow.Date.AddDays(daysFromToday).ToString("yyyy-MM-dd");
        foreach (var url in new[] { "/api/v4/projects/owner%2Fp/members", $"/api/v4/groups/{group.GetProperty("id")}/members" })
        {
            var response = await PostJsonAsync(Client(ownerToken), url, new { user_id = alice.Id, access_level = 30, expires_at = date });
            var body = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(expected, response.StatusCode, $"{url} {date}: {body}");
            if (expected == HttpStatusCode.BadRequest)
                Assert.AreEqual("must be in the future", (await JsonAsync(response)).GetProperty("message").GetProperty("expires_at")[0].GetString());
        }
    }

    /// <summary>Everything alice sees that lists by membership or visibility: the API lists and the two pages.</summary>
    private static async Task<string> ListingsAsync(string token)
    {
        var api = Client(token);
        var web = await WebSession.SignInAsync(Factory, "alice", Password);
        var pages = new[]
        {
            await api.GetStringAsync("/api/v4/projects?membership=true"),
            await api.GetStringAsync("/api/v4/projects"),
            await api.GetStringAsync("/api/v4/groups"),
            await web.Http.GetStringAsync("/"),
            await web.Http.GetStringAsync("/explore/projects"),
        };
        return string.Join("\n", pages);
    }

    private static async Task ExpireAsync(long userId)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE members SET expires_at = (now() AT TIME ZONE 'UTC')::date - 1 WHERE user_id = @userId", new { userId });
    }
}
