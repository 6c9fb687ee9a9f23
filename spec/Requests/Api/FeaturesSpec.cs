using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>GitLab's spec/requests/api/features_spec.rb cases (F1-F11) plus GitLabLite's own edges.</summary>
[TestClass]
public sealed class FeaturesSpec : RequestSpec
{
    private static async Task<HttpClient> AdminAsync() => Client((await CreateUserWithTokenAsync("boss", admin: true)).Token);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string name, params (string Key, string Value)[] form) =>
        client.PostAsync($"/api/v4/features/{name}", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    private static Dictionary<string, JsonElement> Gates(JsonElement feature) =>
        feature.GetProperty("gates").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("value"));

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field, string expected)
    {
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(expected, (await JsonAsync(response)).GetProperty(field).GetString());
    }

    // F1
    [TestMethod]
    public async Task Index_WithoutCredentials_Returns401()
    {
        var response = await Client().GetAsync("/api/v4/features");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("401 Unauthorized", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task Index_WithInvalidToken_Returns401()
    {
        var response = await Client("glpat-notarealtokenatallxxxx").GetAsync("/api/v4/features");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task Index_AsNonAdmin_Returns403()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        foreach (var response in new[]
        {
            await Client(token).GetAsync("/api/v4/features"),
            await Client(token).GetAsync("/api/v4/features/definitions"),
            await PostAsync(Client(token), "go_proxy", ("value", "true")),
            await Client(token).DeleteAsync("/api/v4/features/go_proxy"),
        })
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.AreEqual("403 Forbidden", (await JsonAsync(response)).GetProperty("message").GetString());
        }
    }

    [TestMethod]
    public async Task Index_AsAdmin_ListsPersistedFeaturesOnly()
    {
        var admin = await AdminAsync();
        var empty = await admin.GetAsync("/api/v4/features");
        Assert.AreEqual(HttpStatusCode.OK, empty.StatusCode);
        Assert.AreEqual(0, (await JsonAsync(empty)).GetArrayLength());

        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true")));
        var list = await JsonAsync(await admin.GetAsync("/api/v4/features"));
        Assert.AreEqual(1, list.GetArrayLength());
        Assert.AreEqual("go_proxy", list[0].GetProperty("name").GetString());
        Assert.AreEqual("on", list[0].GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task Definitions_AsAdmin_ListsYamlDefinitions()
    {
        var response = await (await AdminAsync()).GetAsync("/api/v4/features/definitions");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var goProxy = (await JsonAsync(response)).EnumerateArray().Single(d => d.GetProperty("name").GetString() == "go_proxy");
        Assert.IsFalse(goProxy.GetProperty("default_enabled").GetBoolean());
        Assert.AreEqual("beta", goProxy.GetProperty("type").GetString());
        Assert.AreEqual("13.1", goProxy.GetProperty("milestone").GetString());
        Assert.AreEqual("group::package registry", goProxy.GetProperty("group").GetString());
        StringAssert.Contains(goProxy.GetProperty("rollout_issue_url").GetString(), "218083");
    }

    // F2
    [TestMethod]
    public async Task Create_WithTrue_EnablesGlobally()
    {
        var feature = await CreatedAsync(await PostAsync(await AdminAsync(), "go_proxy", ("value", "true")));
        Assert.AreEqual("go_proxy", feature.GetProperty("name").GetString());
        Assert.AreEqual("on", feature.GetProperty("state").GetString());
        Assert.AreEqual("""[{"key":"boolean","value":true}]""", feature.GetProperty("gates").GetRawText());
        Assert.IsFalse(feature.GetProperty("definition").GetProperty("default_enabled").GetBoolean());
    }

    // F3
    [TestMethod]
    public async Task Create_WithFeatureGroup_AddsGroupGate()
    {
        var feature = await CreatedAsync(await PostAsync(await AdminAsync(), "go_proxy", ("value", "true"), ("feature_group", "perf_team")));
        Assert.AreEqual("conditional", feature.GetProperty("state").GetString());
        var gates = Gates(feature);
        Assert.IsFalse(gates["boolean"].GetBoolean());
        CollectionAssert.AreEqual(new[] { "perf_team" }, Strings(gates["groups"]));
    }

    // F4
    [TestMethod]
    public async Task Create_WithUser_AddsUserActor()
    {
        var admin = await AdminAsync();
        var bob = await CreateUserAsync("bob");
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob")));
        Assert.AreEqual("conditional", feature.GetProperty("state").GetString());
        var gates = Gates(feature);
        Assert.IsFalse(gates["boolean"].GetBoolean());
        CollectionAssert.AreEqual(new[] { $"User:{bob.Id}" }, Strings(gates["actors"]));
    }

    // F5, and API.md's per-project example verbatim.
    [TestMethod]
    public async Task Create_WithProject_AddsProjectActorOnly()
    {
        var admin = await AdminAsync();
        var root = await CreateUserAsync("owner");
        var project = await FeatureFixtures.CreateProjectAsync(Services, await FeatureFixtures.CreateGroupsAsync(Services, "group", root), "proj");
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("project", "group/proj")));
        Assert.AreEqual("conditional", feature.GetProperty("state").GetString());
        Assert.AreEqual($$"""[{"key":"boolean","value":false},{"key":"actors","value":["Project:{{project.Id}}"]}]""",
            feature.GetProperty("gates").GetRawText());
    }

    [TestMethod]
    public async Task Create_WithGroupAndNamespace_AddsTheirActors()
    {
        var admin = await AdminAsync();
        var owner = await CreateUserAsync("owner");
        var group = await FeatureFixtures.CreateGroupsAsync(Services, "top/sub", owner);
        var personal = await Get<GitLabLite.Repositories.Projects.NamespaceRepository>().FindPersonalOrNullAsync(owner.Id, CancellationToken.None);
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("group", "top/sub"), ("namespace", "owner")));
        CollectionAssert.AreEquivalent(new[] { $"Group:{group.Id}", $"Namespaces::UserNamespace:{personal!.Id}" }, Strings(Gates(feature)["actors"]));
    }

    [TestMethod]
    public async Task Create_WithCommaSeparatedActors_AddsEachOnce()
    {
        var admin = await AdminAsync();
        var bob = await CreateUserAsync("bob");
        var carol = await CreateUserAsync("carol");
        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob")));
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob, carol,,")));
        CollectionAssert.AreEquivalent(new[] { $"User:{bob.Id}", $"User:{carol.Id}" }, Strings(Gates(feature)["actors"]));
    }

    // F6
    [TestMethod]
    public async Task Create_WithUnknownProject_Returns400NamingIt()
    {
        var response = await PostAsync(await AdminAsync(), "go_proxy", ("value", "true"), ("project", "mep/to/the/mep/mep"));
        await AssertBadRequestAsync(response, "message", "400 Bad request - mep/to/the/mep/mep is not found!");
    }

    [TestMethod]
    public async Task Create_WithOneUnknownInList_Returns400NamingItAndChangesNothing()
    {
        var admin = await AdminAsync();
        await CreateUserAsync("bob");
        await AssertBadRequestAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob,nobody")),
            "message", "400 Bad request - nobody is not found!");
        await AssertBadRequestAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("group", "nogroup")),
            "message", "400 Bad request - nogroup is not found!");
        Assert.AreEqual(0, (await JsonAsync(await admin.GetAsync("/api/v4/features"))).GetArrayLength());
    }

    [TestMethod]
    public async Task Create_WithUserNamespaceAsGroup_Returns400()
    {
        var admin = await AdminAsync();
        await CreateUserAsync("bob");
        await AssertBadRequestAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("group", "bob")),
            "message", "400 Bad request - bob is not found!");
    }

    // F7
    [TestMethod]
    public async Task Create_WithNumber_SetsPercentageOfTime()
    {
        var feature = await CreatedAsync(await PostAsync(await AdminAsync(), "go_proxy", ("value", "50")));
        Assert.AreEqual("conditional", feature.GetProperty("state").GetString());
        var gates = Gates(feature);
        Assert.IsFalse(gates["boolean"].GetBoolean());
        Assert.AreEqual(50, gates["percentage_of_time"].GetInt32());
    }

    // F8
    [TestMethod]
    public async Task Create_WithPercentageOfActorsKey_SetsPercentageOfActors()
    {
        var feature = await CreatedAsync(await PostAsync(await AdminAsync(), "go_proxy", ("value", "42"), ("key", "percentage_of_actors")));
        Assert.AreEqual(42, Gates(feature)["percentage_of_actors"].GetInt32());
        Assert.IsFalse(Gates(feature).ContainsKey("percentage_of_time"));
    }

    [TestMethod]
    public async Task Create_WithDecimalPercentageAsJson_KeepsTheFraction()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/v4/features/go_proxy", new { value = 12.5 });
        Assert.AreEqual(12.5m, Gates(await CreatedAsync(response))["percentage_of_time"].GetDecimal());
    }

    [TestMethod]
    public async Task Create_WithPercentageAbove100_Returns400()
    {
        var response = await PostAsync(await AdminAsync(), "go_proxy", ("value", "101"));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains((await JsonAsync(response)).GetProperty("message").GetString(), "less than or equal to 100");
    }

    [TestMethod]
    public async Task Create_WithNonNumericValue_Returns400()
    {
        var admin = await AdminAsync();
        await AssertBadRequestAsync(await PostAsync(admin, "go_proxy", ("value", "yes")), "message",
            "400 Bad request - Value must be boolean or numeric, got yes");
        await AssertBadRequestAsync(await PostAsync(admin, "go_proxy", ("value", "-5")), "message",
            "400 Bad request - Value must be boolean or numeric, got -5");
    }

    [TestMethod]
    public async Task Create_WithPercentageAndActor_Returns400()
    {
        var admin = await AdminAsync();
        await CreateUserAsync("bob");
        var response = await PostAsync(admin, "go_proxy", ("value", "30"), ("user", "bob"));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // F9
    [TestMethod]
    public async Task Create_WithoutValue_Returns400ValueMissing()
    {
        await AssertBadRequestAsync(await PostAsync(await AdminAsync(), "go_proxy"), "error", "value is missing");
    }

    [TestMethod]
    public async Task Create_WithKeyAndActor_Returns400MutuallyExclusive()
    {
        var response = await PostAsync(await AdminAsync(), "go_proxy", ("value", "10"), ("key", "percentage_of_actors"), ("project", "a/b"));
        await AssertBadRequestAsync(response, "error", "key, project are mutually exclusive");
    }

    // F10
    [TestMethod]
    public async Task Create_WithFalse_DisablesGloballyAndClearsGates()
    {
        var admin = await AdminAsync();
        await CreateUserAsync("bob");
        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob")));
        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true")));
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "false")));
        Assert.AreEqual("off", feature.GetProperty("state").GetString());
        Assert.AreEqual("""[{"key":"boolean","value":false}]""", feature.GetProperty("gates").GetRawText());
    }

    [TestMethod]
    public async Task Create_WithFalseAndActor_RemovesOnlyThatActor()
    {
        var admin = await AdminAsync();
        var bob = await CreateUserAsync("bob");
        await CreateUserAsync("carol");
        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true"), ("user", "bob,carol")));
        var feature = await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "false"), ("user", "carol")));
        Assert.AreEqual("conditional", feature.GetProperty("state").GetString());
        CollectionAssert.AreEqual(new[] { $"User:{bob.Id}" }, Strings(Gates(feature)["actors"]));
    }

    [TestMethod]
    public async Task Create_WithUndefinedName_CreatesFeatureWithoutDefinition()
    {
        var feature = await CreatedAsync(await PostAsync(await AdminAsync(), "made_up_flag", ("value", "true")));
        Assert.AreEqual("on", feature.GetProperty("state").GetString());
        Assert.AreEqual(JsonValueKind.Null, feature.GetProperty("definition").ValueKind);
    }

    // F11
    [TestMethod]
    public async Task Destroy_ExistingOrNot_Returns204AndUnpersists()
    {
        var admin = await AdminAsync();
        await CreatedAsync(await PostAsync(admin, "go_proxy", ("value", "true")));
        Assert.AreEqual(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v4/features/go_proxy")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v4/features/never_set")).StatusCode);
        Assert.AreEqual(0, (await JsonAsync(await admin.GetAsync("/api/v4/features"))).GetArrayLength());
    }

    [TestMethod]
    public async Task Destroy_WithoutCredentials_Returns401()
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().DeleteAsync("/api/v4/features/go_proxy")).StatusCode);
    }
}
