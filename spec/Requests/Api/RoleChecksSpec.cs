using System.Net;
using System.Net.Http.Json;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// Every endpoint that changes a project, group or membership, against GitLab's permission table (ProjectPolicy,
/// GroupPolicy, the projects API's authorize! calls): each row is one caller doing one thing, with the status GitLab's
/// rules give. Fixture: internal group g (creator "owner" is its Owner; "gmaint" Maintainer of the group), project g/p with
/// "maint" Maintainer, "dev" Developer and "powner" Owner directly on the project, and "bob" a member of nothing.
/// </summary>
[TestClass]
public sealed class RoleChecksSpec : ProjectsRequestSpec
{
    public static IEnumerable<object?[]> Cases =>
    [
        // PUT /projects/:id: admin_project is Maintainer; a different visibility or path needs an Owner.
        ["maint changes description", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"description":"x"}""", 200],
        ["maint changes name", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"name":"New name"}""", 200],
        ["maint changes default branch", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"default_branch":"main"}""", 200],
        ["maint changes visibility", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"visibility":"internal"}""", 403],
        ["maint changes path", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"path":"renamed"}""", 403],
        ["maint echoes the same visibility and path", "maint", "PUT", "/api/v4/projects/g%2Fp", """{"visibility":"private","path":"p","description":"y"}""", 200],
        ["gmaint (inherited) changes visibility", "gmaint", "PUT", "/api/v4/projects/g%2Fp", """{"visibility":"internal"}""", 403],
        ["powner changes visibility", "powner", "PUT", "/api/v4/projects/g%2Fp", """{"visibility":"internal"}""", 200],
        ["owner (inherited) changes path", "owner", "PUT", "/api/v4/projects/g%2Fp", """{"path":"renamed"}""", 200],
        ["admin changes visibility", "admin", "PUT", "/api/v4/projects/g%2Fp", """{"visibility":"internal"}""", 200],
        ["dev changes description", "dev", "PUT", "/api/v4/projects/g%2Fp", """{"description":"x"}""", 403],
        // DELETE /projects/:id: remove_project is Owner.
        ["maint deletes the project", "maint", "DELETE", "/api/v4/projects/g%2Fp", null, 403],
        ["powner deletes the project", "powner", "DELETE", "/api/v4/projects/g%2Fp", null, 202],
        // Project members: admin_project_member is Maintainer; only Owners hand out or take away Owner.
        ["dev adds a reporter", "dev", "POST", "/api/v4/projects/g%2Fp/members", """{"user_id":"BOB","access_level":20}""", 403],
        ["maint adds a maintainer", "maint", "POST", "/api/v4/projects/g%2Fp/members", """{"user_id":"BOB","access_level":40}""", 201],
        ["maint adds an owner", "maint", "POST", "/api/v4/projects/g%2Fp/members", """{"user_id":"BOB","access_level":50}""", 403],
        ["powner adds an owner", "powner", "POST", "/api/v4/projects/g%2Fp/members", """{"user_id":"BOB","access_level":50}""", 201],
        ["maint removes a developer", "maint", "DELETE", "/api/v4/projects/g%2Fp/members/DEV", null, 204],
        ["maint removes an owner", "maint", "DELETE", "/api/v4/projects/g%2Fp/members/POWNER", null, 403],
        ["dev removes a maintainer", "dev", "DELETE", "/api/v4/projects/g%2Fp/members/MAINT", null, 403],
        ["dev leaves", "dev", "DELETE", "/api/v4/projects/g%2Fp/members/DEV", null, 204],
        // Group members: admin_group_member is Owner only.
        ["gmaint adds a group member", "gmaint", "POST", "/api/v4/groups/g/members", """{"user_id":"BOB","access_level":10}""", 403],
        ["owner adds a group member", "owner", "POST", "/api/v4/groups/g/members", """{"user_id":"BOB","access_level":10}""", 201],
        ["gmaint removes a group member", "gmaint", "DELETE", "/api/v4/groups/g/members/OWNER", null, 403],
        ["owner, the last one, leaves the group", "owner", "DELETE", "/api/v4/groups/g/members/OWNER", null, 403],
        ["admin removes the group's last owner", "admin", "DELETE", "/api/v4/groups/g/members/OWNER", null, 403],
        ["owner removes a group maintainer", "owner", "DELETE", "/api/v4/groups/g/members/GMAINT", null, 204],
        // Creating in a group: subgroups and projects need Maintainer (GitLab's default creation levels allow it).
        ["dev creates a project in the group", "dev-of-group", "POST", "/api/v4/projects", """{"path":"q","namespace_id":"g"}""", 403],
        ["gmaint creates a project in the group", "gmaint", "POST", "/api/v4/projects", """{"path":"q","namespace_id":"g"}""", 201],
        ["dev creates a subgroup", "dev-of-group", "POST", "/api/v4/groups", """{"path":"sub","name":"sub","parent_id":"GROUP"}""", 403],
        ["gmaint creates a subgroup", "gmaint", "POST", "/api/v4/groups", """{"path":"sub","name":"sub","parent_id":"GROUP"}""", 201],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Change_ByRole_AnswersGitLabsPermissionTable(string what, string caller, string method, string url, string? body, int expected)
    {
        var ids = await BuildFixtureAsync();
        foreach (var (name, id) in ids) (url, body) = (url.Replace(name, id.ToString()), body?.Replace($"\"{name}\"", id.ToString()));
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Client(Tokens[caller]).SendAsync(request);

        Assert.AreEqual(expected, (int)response.StatusCode, $"{what}: {await response.Content.ReadAsStringAsync()}");
    }

    [TestMethod]
    public async Task Update_RefusedForAMaintainer_ChangesNothing()
    {
        await BuildFixtureAsync();
        var response = await Client(Tokens["maint"]).PutAsJsonAsync("/api/v4/projects/g%2Fp", new { visibility = "public", path = "stolen", description = "x" });
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        var project = await JsonAsync(await Client(Tokens["owner"]).GetAsync("/api/v4/projects/g%2Fp"));
        Assert.AreEqual("private", project.GetProperty("visibility").GetString());
        Assert.AreEqual("", project.GetProperty("description").GetString());
        Assert.IsTrue(Directory.Exists(RepoPath("g/p")));
    }

    private readonly Dictionary<string, string> _tokens = [];

    private Dictionary<string, string> Tokens => _tokens;

    /// <summary>Builds the fixture; returns the placeholders the table uses (user ids, the group id) with their values.</summary>
    private async Task<Dictionary<string, long>> BuildFixtureAsync()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        // Internal, so that a private project in it may become internal.
        var group = await CreateGroupAsync(ownerToken, "g", visibility: "internal");
        var groupId = group.GetProperty("id").GetInt64();
        var project = await CreateProjectAsync(ownerToken, "p", namespaceId: groupId, readme: true);
        var projectId = project.GetProperty("id").GetInt64();
        _tokens["owner"] = ownerToken;
        var ids = new Dictionary<string, long> { ["GROUP"] = groupId, ["OWNER"] = owner.Id };
        foreach (var (name, level, onGroup) in new[]
        {
            ("gmaint", AccessLevel.Maintainer, true), ("dev-of-group", AccessLevel.Developer, true),
            ("maint", AccessLevel.Maintainer, false), ("dev", AccessLevel.Developer, false), ("powner", AccessLevel.Owner, false),
        })
        {
            var (user, token) = await CreateUserWithTokenAsync(name);
            await AddMemberAsync(onGroup ? MemberSource.Group(groupId) : MemberSource.Project(projectId), user, level);
            _tokens[name] = token;
            ids[name.ToUpperInvariant()] = user.Id;
        }
        ids["BOB"] = (await CreateUserAsync("bob")).Id;
        _tokens["admin"] = (await CreateUserWithTokenAsync("boss", admin: true)).Token;
        // Longest placeholders first, so that no name is replaced inside another.
        return ids.OrderByDescending(p => p.Key.Length).ToDictionary();
    }
}
