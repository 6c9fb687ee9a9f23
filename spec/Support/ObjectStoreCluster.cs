using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace GitLabLite.Spec.Support;

/// <summary>
/// App processes as an operator runs several nodes: one scratch database, one repositories path and one S3 bucket
/// (<see cref="S3rverProcess"/>, reached through a <see cref="TcpRelay"/> for network faults) shared, a cache path of
/// each node's own. The store listens on a loopback address other than the nodes' 127.0.0.1, as a storage host would.
/// </summary>
public sealed class ObjectStoreCluster : IAsyncDisposable
{
    public const string RootToken = "glpat-object-store-cluster-root-0001";

    private readonly List<AppProcess> _nodes = [];
    private readonly ScratchDatabase _database;
    private readonly string _root;

    private ObjectStoreCluster(ScratchDatabase database)
    {
        _database = database;
        _root = Directory.CreateTempSubdirectory("gitlablite-cluster-").FullName;
        var address = new IPAddress([127, 0, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(2, 255)]);
        Store = new S3rverProcess(address);
        Relay = new TcpRelay(address, new IPEndPoint(address, Store.Port));
    }

    public S3rverProcess Store { get; }

    public TcpRelay Relay { get; }

    /// <summary>The endpoint the nodes use: the relay, which the certificate (issued for the address) also covers.</summary>
    public string StoreEndpoint => $"https://{Relay.EndPoint}";

    public string RepositoriesPath => Path.Combine(_root, "repositories");

    public static async Task<ObjectStoreCluster> StartAsync(string name) => new(await ScratchDatabase.CreateAsync(name));

    /// <summary>A node with its own cache path; ready (migrated, listening) when this returns.</summary>
    /// <param name="externalUrl">GitLab:Url when the node is reached through a balancer, else its own address.</param>
    /// <param name="settings">More environment for the node (pull-through's upstream and checksum database, another bucket).</param>
    public async Task<AppProcess> StartNodeAsync(bool proxyDownload = true, X509Certificate2? certificate = null, string? externalUrl = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = Store.AppEnvironment(StoreEndpoint, proxyDownload);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;
        if (externalUrl is not null)
        {
            env["GitLab__Url"] = externalUrl;
            // Behind the balancer, which reaches the nodes from loopback, as docker-compose trusts its nginx.
            env["GitLab__TrustedProxies__0"] = "127.0.0.1";
        }
        env["ConnectionStrings__Main"] = _database.ConnectionString;
        env["GitLab__RepositoriesPath"] = RepositoriesPath;
        env["GitLab__CachePath"] = Path.Combine(_root, $"cache-{_nodes.Count}");
        // A home of its own, as on a machine of its own: nothing per-user (.NET's default key ring) is shared by chance.
        env["HOME"] = Directory.CreateDirectory(Path.Combine(_root, $"home-{_nodes.Count}")).FullName;
        env["GITLAB_ROOT_TOKEN"] = RootToken;
        var node = AppProcess.Start(env, certificate: certificate);
        _nodes.Add(node);
        await node.WaitReadyAsync(TimeSpan.FromMinutes(2));
        return node;
    }

    /// <summary>A private project of root with the go proxy on, its repository pushed from <paramref name="build"/>; returns its id and module path.</summary>
    public async Task<(long Id, string Module)> CreateModuleAsync(AppProcess via, string name, Func<GitFixture, string, Task> build)
    {
        using var client = via.Client(RootToken);
        var created = await client.PostAsJsonAsync("/api/v4/projects", new { name, path = name, visibility = "private" });
        var project = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, project.ToString());
        var module = $"127.0.0.1/{project.GetProperty("path_with_namespace").GetString()}";
        using (var git = await GitFixture.CreateAsync())
        {
            await build(git, module);
            await git.PushToAsync(Path.Combine(RepositoriesPath, project.GetProperty("path_with_namespace").GetString() + ".git"));
        }
        Assert.AreEqual(HttpStatusCode.Created, (await client.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
        return (project.GetProperty("id").GetInt64(), module);
    }

    public static string ZipUrl(long projectId, string module, string version) => $"/api/v4/projects/{projectId}/packages/go/{module}/@v/{version}.zip";

    public static async Task<PrometheusText> MetricsAsync(AppProcess node)
    {
        using var client = node.Client();
        return PrometheusText.Parse(await client.GetStringAsync("/-/metrics"));
    }

    /// <summary>Zips this node built, from its own metrics.</summary>
    public static async Task<double> BuildsAsync(AppProcess node) =>
        (await MetricsAsync(node)).Sum("gitlablite_go_proxy_zip_build_duration_seconds_count");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        Relay.Dispose();
        Store.Dispose();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A git child still holding a file: the OS cleans temp eventually.
        }
    }
}
