using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Features;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Caching;
using GitLabLite.Services.Features;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Services.Features;

[TestClass]
public sealed class FeatureFlagsSpec : RequestSpec
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static FeatureFlags Flags => Get<FeatureFlags>();

    private static async Task SetAsync(string name, string value, string? project = null, string? group = null, string? key = null)
    {
        var result = await Get<SetFeatureService>().ExecuteAsync(
            name, new SetFeatureParams { Value = value, Project = project, Group = group, Key = key }, None);
        Assert.IsTrue(result.Success, result.Message);
    }

    private static async Task<FeatureActor> ActorAsync(Project project) =>
        FeatureActor.For(project, await Get<NamespaceRepository>().SelfAndAncestorIdsAsync(project.NamespaceId, None));

    private static async Task<(Project Inside, Project Outside)> NestedProjectsAsync()
    {
        var owner = await CreateUserAsync("owner");
        var inside = await FeatureFixtures.CreateProjectAsync(Services, await FeatureFixtures.CreateGroupsAsync(Services, "top/mid/leaf", owner), "proj");
        var outside = await FeatureFixtures.CreateProjectAsync(Services, await FeatureFixtures.CreateGroupsAsync(Services, "other", owner), "proj");
        return (inside, outside);
    }

    [TestMethod]
    public void Definitions_GoProxyYaml_IsLoadedDefaultOff()
    {
        var definition = Get<FeatureDefinitions>().FindOrNull("go_proxy");
        Assert.IsNotNull(definition);
        Assert.IsFalse(definition.DefaultEnabled);
        Assert.AreEqual("beta", definition.Type);
        Assert.AreEqual("https://gitlab.com/gitlab-org/gitlab/-/merge_requests/27746", definition.IntroducedByUrl);
        Assert.IsFalse(Flags.Enabled("go_proxy"));
    }

    [TestMethod]
    public async Task Enabled_WithoutPersistedFeature_FollowsDefaultEnabled()
    {
        var flags = new FeatureFlags(Get<FeatureRepository>(),
            new FeatureDefinitions([new FeatureDefinition { Name = "on_by_default", Type = "ops", DefaultEnabled = true }]), Get<ChangeBus>());
        Assert.IsTrue(await flags.EnabledAsync("on_by_default"));
        Assert.IsFalse(flags.Enabled("unknown_flag"));

        // Disabled explicitly it is persisted and off; deleted it falls back to its default.
        await SetAsync("on_by_default", "false");
        await flags.ReloadAsync(None);
        Assert.IsFalse(flags.Enabled("on_by_default"));
        await Get<DeleteFeatureService>().ExecuteAsync("on_by_default", None);
        await flags.ReloadAsync(None);
        Assert.IsTrue(flags.Enabled("on_by_default"));
    }

    [TestMethod]
    public async Task Enabled_WithBooleanGate_IsOnForEveryone()
    {
        var (inside, _) = await NestedProjectsAsync();
        await SetAsync("go_proxy", "true");
        Assert.IsTrue(Flags.Enabled("go_proxy"));
        Assert.IsTrue(Flags.Enabled("go_proxy", await ActorAsync(inside)));
    }

    [TestMethod]
    public async Task Enabled_WithProjectActor_IsOnForThatProjectOnly()
    {
        var (inside, outside) = await NestedProjectsAsync();
        await SetAsync("go_proxy", "true", project: inside.FullPath);
        Assert.IsTrue(Flags.Enabled("go_proxy", await ActorAsync(inside)));
        Assert.IsFalse(Flags.Enabled("go_proxy", await ActorAsync(outside)));
        Assert.IsFalse(Flags.Enabled("go_proxy"));
    }

    [TestMethod]
    public async Task Enabled_WithTopGroupActor_CoversProjectTwoLevelsBelow()
    {
        var (inside, outside) = await NestedProjectsAsync();
        await SetAsync("go_proxy", "true", group: "top");
        Assert.IsTrue(Flags.Enabled("go_proxy", await ActorAsync(inside)));
        Assert.IsFalse(Flags.Enabled("go_proxy", await ActorAsync(outside)));

        await SetAsync("go_proxy", "false", group: "top");
        await SetAsync("go_proxy", "true", group: "top/mid");
        Assert.IsTrue(Flags.Enabled("go_proxy", await ActorAsync(inside)));
    }

    [TestMethod]
    public void InActorBucket_MatchesFlipperCrc32Buckets()
    {
        // Zlib.crc32("go_proxyProject:42") = 1751537030 -> bucket 37030 of 100000; "go_proxyProject:1" -> 71689.
        Assert.IsFalse(Feature.InActorBucket("go_proxy", "Project:42", 37));
        Assert.IsFalse(Feature.InActorBucket("go_proxy", "Project:42", 37.03m));
        Assert.IsTrue(Feature.InActorBucket("go_proxy", "Project:42", 37.031m));
        Assert.IsTrue(Feature.InActorBucket("go_proxy", "Project:42", 38));
        Assert.IsFalse(Feature.InActorBucket("go_proxy", "Project:1", 71));
        Assert.IsTrue(Feature.InActorBucket("go_proxy", "Project:1", 72));
    }

    [TestMethod]
    public async Task Enabled_WithPercentageOfActors_UsesTheActorBucket()
    {
        await SetAsync("go_proxy", "38", key: FeatureGateKeys.PercentageOfActors);
        Assert.IsTrue(Flags.Enabled("go_proxy", new FeatureActor("Project:42", [])));
        Assert.IsFalse(Flags.Enabled("go_proxy", new FeatureActor("Project:1", [])));
        Assert.IsFalse(Flags.Enabled("go_proxy"), "no actor, no bucket");
    }

    [TestMethod]
    public async Task Enabled_WithFullPercentageOfTime_IsOn()
    {
        await SetAsync("go_proxy", "100");
        Assert.IsTrue(Flags.Enabled("go_proxy"));
        Assert.AreEqual("on", Flags.Snapshot.Features["go_proxy"].State);
    }

    [TestMethod]
    public async Task Enabled_AfterChangeInThisProcess_SeesItImmediately()
    {
        Assert.IsFalse(Flags.Enabled("go_proxy"));
        await SetAsync("go_proxy", "true");
        Assert.IsTrue(Flags.Enabled("go_proxy"));
        await Get<DeleteFeatureService>().ExecuteAsync("go_proxy", None);
        Assert.IsFalse(Flags.Enabled("go_proxy"));
    }

    [TestMethod]
    public async Task EnabledAsync_InSecondProcess_SeesTheChangeAsSoonAsItReturns()
    {
        await using var node = await BusNode.StartAsync(Services);
        var other = new FeatureFlags(new FeatureRepository(node.Database), Get<FeatureDefinitions>(), node.Bus);
        Assert.IsFalse(await other.EnabledAsync("go_proxy"));
        await SetAsync("go_proxy", "true");
        Assert.IsTrue(await other.EnabledAsync("go_proxy"), "enable not seen");
        await Get<DeleteFeatureService>().ExecuteAsync("go_proxy", None);
        Assert.IsFalse(await other.EnabledAsync("go_proxy"), "delete not seen");
    }

    [TestMethod]
    public async Task EnabledAsync_InSecondProcessWithListenConnectionKilled_StillSeesTheChange()
    {
        await using var node = await BusNode.StartAsync(Services);
        var other = new FeatureFlags(new FeatureRepository(node.Database), Get<FeatureDefinitions>(), node.Bus);
        Assert.IsFalse(await other.EnabledAsync("go_proxy"));
        await node.KillListenerAsync();
        // The notification is lost to the other process: it reloads while it does not listen, and flushes once it does again.
        await SetAsync("go_proxy", "true");
        Assert.IsTrue(await other.EnabledAsync("go_proxy"), "enable not seen");
        await node.WaitCurrentAsync();
        Assert.IsTrue(await other.EnabledAsync("go_proxy"));
    }
}
