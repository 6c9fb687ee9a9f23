using System.Net;
using System.Security.Cryptography;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>Pull-through administration: rules (instance and group) and cached modules, over the API and the admin page.</summary>
[TestClass]
public sealed class GoProxyRulesSpec : RequestSpec
{
    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

    [TestMethod]
    public async Task Rules_AsAdmin_AreCreatedListedAndDeleted()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var client = Client(token);
        var created = await client.PostAsync("/api/v4/admin/packages/go/rules", Form(("action", "deny"), ("module_pattern", "github.com/evil"), ("version_pattern", "v0.*")));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var rule = await JsonAsync(created);
        Assert.AreEqual("deny", rule.GetProperty("action").GetString());
        Assert.AreEqual("github.com/evil", rule.GetProperty("module_pattern").GetString());
        Assert.AreEqual("v0.*", rule.GetProperty("version_pattern").GetString());

        var list = await JsonAsync(await client.GetAsync("/api/v4/admin/packages/go/rules"));
        Assert.AreEqual(1, list.GetArrayLength());
        var id = rule.GetProperty("id").GetInt64();
        Assert.AreEqual(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v4/admin/packages/go/rules/{id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v4/admin/packages/go/rules/{id}")).StatusCode);
    }

    [TestMethod]
    public async Task Rules_OfAGroup_ApplyToThatGroupOnly()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        var client = Client(token);
        var created = await client.PostAsync("/api/v4/groups/acme/packages/go/rules", Form(("action", "allow"), ("module_pattern", "github.com/acme")));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var rule = await JsonAsync(created);
        Assert.AreEqual(group.Id, rule.GetProperty("group_id").GetInt64());
        Assert.AreEqual("*", rule.GetProperty("version_pattern").GetString());
        Assert.AreEqual(0, (await JsonAsync(await client.GetAsync("/api/v4/admin/packages/go/rules"))).GetArrayLength());
        var applicable = await Get<GoProxyRuleRepository>().ListApplicableAsync([group.Id], CancellationToken.None);
        Assert.AreEqual(GoProxyRule.Allow, applicable.Single().Action);
        Assert.IsEmpty(await Get<GoProxyRuleRepository>().ListApplicableAsync([], CancellationToken.None));
    }

    [TestMethod]
    public async Task Rules_WithBadParams_Answer400AndKeepNothing()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var client = Client(token);
        foreach (var form in new[]
                 {
                     Form(("action", "block"), ("module_pattern", "github.com/x")),
                     Form(("action", "deny")),
                     Form(("action", "deny"), ("module_pattern", "github.com/[x")),
                     Form(("action", "deny"), ("module_pattern", "a,b")),
                 })
            Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PostAsync("/api/v4/admin/packages/go/rules", form)).StatusCode);
        Assert.AreEqual(0, (await JsonAsync(await client.GetAsync("/api/v4/admin/packages/go/rules"))).GetArrayLength());
    }

    [TestMethod]
    public async Task RulesAndModules_ForNonAdmins_AreRefused()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(token).GetAsync("/api/v4/admin/packages/go/rules")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(token).GetAsync("/api/v4/admin/packages/go/modules")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/v4/admin/packages/go/modules")).StatusCode);
    }

    [TestMethod]
    public async Task Modules_AreListedAndPurged()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var repo = Get<PulledModuleRepository>();
        var mod = "module github.com/acme/lib\n"u8.ToArray();
        await repo.SaveModAsync("github.com/acme/lib", "v1.0.0", "https://proxy.example", DirHash.HashGoMod(mod), 42, CancellationToken.None);
        var key = PullThroughService.StoreKey("github.com/acme/lib", "v1.0.0", PulledFile.Mod);
        var store = Get<IModuleZipStore>();
        var temp = store.NewTempPath(key);
        await File.WriteAllBytesAsync(temp, mod);
        await store.CommitAsync(key, temp, mod.Length, DirHash.HashGoMod(mod), Convert.ToHexStringLower(SHA256.HashData(mod)), CancellationToken.None);
        Assert.IsNotNull(Get<ModuleZipCache>().FindOrNull(key));
        await repo.SaveAnswerAsync("github.com/acme/lib", "list", "v1.0.0\n"u8.ToArray(), "https://proxy.example", CancellationToken.None);
        var client = Client(token);
        var list = await JsonAsync(await client.GetAsync("/api/v4/admin/packages/go/modules"));
        Assert.AreEqual("github.com/acme/lib", list[0].GetProperty("module").GetString());
        Assert.AreEqual(42, list[0].GetProperty("verified_tree_size").GetInt64());
        var id = list[0].GetProperty("id").GetInt64();
        Assert.AreEqual(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v4/admin/packages/go/modules/{id}")).StatusCode);
        Assert.IsNull(await repo.FindAsync("github.com/acme/lib", "v1.0.0", CancellationToken.None));
        Assert.IsNull(await repo.FindAnswerAsync("github.com/acme/lib", "list", CancellationToken.None), "the list is asked again too");
        Assert.IsNull(Get<ModuleZipCache>().FindOrNull(key), "the stored .mod is purged too");
        Assert.IsNull(store.Find(key));
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v4/admin/packages/go/modules/{id}")).StatusCode);
    }

    [TestMethod]
    public async Task AdminPage_ShowsModulesAndAddsRules()
    {
        await CreateUserAsync("boss", admin: true, password: "password-123456");
        await Get<PulledModuleRepository>().SaveModAsync("github.com/acme/lib", "v1.0.0", "https://proxy.example", "h1:x", 42, CancellationToken.None);
        var session = await WebSession.SignInAsync(Factory, "boss", "password-123456");
        var page = await session.Http.GetStringAsync("/admin/packages/go");
        StringAssert.Contains(page, "github.com/acme/lib");
        StringAssert.Contains(page, "sum.golang.org");
        var added = await session.PostFormAsync("/admin/packages/go", "/admin/packages/go/rules", new() { ["Action"] = "deny", ["ModulePattern"] = "github.com/evil" });
        Assert.AreEqual(HttpStatusCode.Redirect, added.StatusCode);
        Assert.AreEqual("github.com/evil", (await Get<GoProxyRuleRepository>().ListAsync(null, CancellationToken.None)).Single().ModulePattern);
        var purged = await session.PostFormAsync("/admin/packages/go", $"/admin/packages/go/modules/{(await Get<PulledModuleRepository>().FindAsync("github.com/acme/lib", "v1.0.0", CancellationToken.None))!.Id}/purge", []);
        Assert.AreEqual(HttpStatusCode.Redirect, purged.StatusCode);
        Assert.AreEqual(0, await Get<PulledModuleRepository>().CountAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task AdminPage_ShowsTheSingleLineSetupOnlyWhenPullThroughIsOn()
    {
        await CreateUserAsync("boss", admin: true, password: "password-123456");
        var off = await (await WebSession.SignInAsync(Factory, "boss", "password-123456")).Http.GetStringAsync("/admin/packages/go");
        Assert.DoesNotContain("setup-line", off);

        using var on = Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:GoProxy:Upstreams:0", "http://127.0.0.1:9"));
        var page = await (await WebSession.SignInAsync(on, "boss", "password-123456")).Http.GetStringAsync("/admin/packages/go");
        StringAssert.Contains(page, "go env -w GOPROXY=http://gitlab.example.com/api/v4/packages/go GONOSUMDB=gitlab.example.com</code>");
    }

    [TestMethod]
    public async Task GroupSettings_AreSetReadAndReset()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        var client = Client(token);
        var put = await client.PutAsync("/api/v4/groups/acme/packages/go/settings", Form(("upstreams[]", "https://goproxy.example.com/"), ("upstreams[]", "http://athens.example.com")));
        Assert.AreEqual(HttpStatusCode.OK, put.StatusCode, await put.Content.ReadAsStringAsync());
        var shown = await JsonAsync(await client.GetAsync("/api/v4/groups/acme/packages/go/settings"));
        CollectionAssert.AreEqual(new[] { "https://goproxy.example.com", "http://athens.example.com" }, shown.GetProperty("upstreams").EnumerateArray().Select(u => u.GetString()).ToList());
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PutAsync("/api/v4/groups/acme/packages/go/settings", Form(("upstreams[]", "file:///etc")))).StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v4/groups/acme/packages/go/settings")).StatusCode);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, (await JsonAsync(await client.GetAsync("/api/v4/groups/acme/packages/go/settings"))).GetProperty("upstreams").ValueKind);
    }
}
