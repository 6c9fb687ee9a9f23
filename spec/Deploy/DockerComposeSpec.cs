using System.Text.RegularExpressions;
using GitLabLite.Spec.Support;
using YamlDotNet.RepresentationModel;

namespace GitLabLite.Spec.Deploy;

/// <summary>
/// docker-compose.yml as a user runs it (no Docker engine here, so its text): no well-known root password, nothing
/// published beyond loopback unless the user says so, and nodes that believe forwarded headers from their nginx alone.
/// </summary>
[TestClass]
public sealed partial class DockerComposeSpec
{
    [TestMethod]
    public void RootPassword_HasNoDefault_AndComposeRefusesToStartWithoutIt()
    {
        foreach (var (service, value) in Environment("GITLAB_ROOT_PASSWORD"))
            Assert.IsTrue(Required().IsMatch(value), $"{service}: GITLAB_ROOT_PASSWORD is '{value}', not ${{GITLAB_ROOT_PASSWORD:?...}}");
        Assert.IsTrue(Environment("GITLAB_ROOT_PASSWORD").Any(), "the app takes its root password from the environment");
    }

    [TestMethod]
    public void PublishedPorts_BindToLoopbackUnlessToldOtherwise()
    {
        var ports = Services().SelectMany(s => s.Value.Children.TryGetValue(new YamlScalarNode("ports"), out var p)
            ? ((YamlSequenceNode)p).Select(n => (Service: s.Key, Mapping: ((YamlScalarNode)n).Value!)) : []).ToList();
        Assert.IsTrue(ports.Count > 0, "the app is published");
        foreach (var (service, mapping) in ports)
            Assert.IsTrue(LoopbackUnlessOverridden().IsMatch(mapping), $"{service} publishes '{mapping}' beyond loopback");
    }

    [TestMethod]
    public void Nodes_TrustForwardedHeadersFromTheirBalancerAlone()
    {
        var nginx = Services().Single(s => s.Key == "nginx").Value;
        var networks = (YamlMappingNode)nginx.Children[new YamlScalarNode("networks")];
        var address = ((YamlScalarNode)((YamlMappingNode)networks.Children[new YamlScalarNode("default")]).Children[new YamlScalarNode("ipv4_address")]).Value;
        var trusted = Environment("GitLab__TrustedProxies__0").ToList();
        CollectionAssert.AreEquivalent(new[] { "app1", "app2" }, trusted.Select(t => t.Service).ToArray());
        foreach (var (service, value) in trusted) Assert.AreEqual(address, value, $"{service} trusts '{value}', not nginx's address");
        Assert.IsFalse(Environment("GitLab__TrustedProxies__1").Any(), "a node trusts more than the balancer");
        foreach (var volume in ((YamlSequenceNode)nginx.Children[new YamlScalarNode("volumes")]).Select(v => ((YamlScalarNode)v).Value!))
            Assert.IsTrue(File.Exists(Path.Combine(AppProcess.RepositoryRoot, volume.Split(':')[0])), $"nginx mounts '{volume}', which is not in the repository");
    }

    private static IEnumerable<KeyValuePair<string, YamlMappingNode>> Services()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(AppProcess.RepositoryRoot, "docker-compose.yml"))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return services.Children.Select(s => KeyValuePair.Create(((YamlScalarNode)s.Key).Value!, (YamlMappingNode)s.Value));
    }

    private static IEnumerable<(string Service, string Value)> Environment(string name) =>
        Services().Select(s => (s.Key, Env: Key(s.Value, "environment") as YamlMappingNode))
            .Where(s => s.Env is not null && s.Env.Children.ContainsKey(new YamlScalarNode(name)))
            .Select(s => (s.Key, ((YamlScalarNode)s.Env!.Children[new YamlScalarNode(name)]).Value!));

    /// <summary>A service's own key, else the one it takes from a YAML merge key (`<<: *app`), as compose reads it.</summary>
    private static YamlNode? Key(YamlMappingNode service, string key) =>
        service.Children.TryGetValue(new YamlScalarNode(key), out var own) ? own
        : service.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode mapping ? Key(mapping, key) : null;

    [GeneratedRegex(@"^\$\{GITLAB_ROOT_PASSWORD:\?[^}]+\}$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^(127\.0\.0\.1|\$\{GITLAB_BIND_ADDRESS:-127\.0\.0\.1\}):\d+:\d+$")]
    private static partial Regex LoopbackUnlessOverridden();
}
