using System.Text;
using System.Text.Json;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Runs the real go command against a <see cref="LiveServer"/> in an environment of its own: an empty process
/// environment but PATH, private GOPATH / GOMODCACHE / GOCACHE / HOME under one temp directory, GOPROXY=off unless a
/// call says otherwise (no network beyond the loopback server), no checksum database for the server's host, the
/// server's certificate trusted by go (SSL_CERT_FILE) and by the git it runs in direct mode (GIT_SSL_CAINFO), and
/// credentials only from the NETRC file this class writes. A fresh instance has an empty module cache.
/// </summary>
public sealed class GoCli : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly (string Host, string BaseUrl, string? CaFile) _server;
    private readonly string _netrc;

    public GoCli(LiveServer server)
        : this(server.Host, server.BaseUrl, server.CaFile)
    {
    }

    /// <summary>Against any HTTPS server (an app process): its host for credentials, its URL, and the PEM file(s) go trusts.</summary>
    public GoCli(string host, string baseUrl, string? caFile)
    {
        _server = (host, baseUrl, caFile);
        Root = Directory.CreateTempSubdirectory("gitlablite-go-").FullName;
        _netrc = Path.Combine(Root, "netrc");
        Directory.CreateDirectory(Home);
    }

    /// <summary>Holds every directory and file this instance uses; removed on dispose.</summary>
    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>Credentials for the server's host: the NETRC file go reads and $HOME/.netrc, which the git go runs reads.</summary>
    public void UseCredentials(string user, string token) => UseNetrcLine($"machine {_server.Host} login {user} password {token}");

    /// <summary>A netrc line exactly as a user would paste it (the project page shows one).</summary>
    public void UseNetrcLine(string line)
    {
        File.WriteAllText(_netrc, line + "\n");
        File.WriteAllText(Path.Combine(Home, ".netrc"), line + "\n");
    }

    /// <summary>GOPROXY pointing at the Go proxy of each project in turn (go moves to the next one on 404/410).</summary>
    public string ProxyFor(params long[] projectIds) =>
        string.Join(',', projectIds.Select(id => $"{_server.BaseUrl}/api/v4/projects/{id}/packages/go"));

    /// <summary>The variables for GOPROXY=direct with git alone: the host is private (no sum database) and may use plain HTTP.</summary>
    public IReadOnlyDictionary<string, string> Direct => new Dictionary<string, string>
    {
        ["GOPROXY"] = "direct",
        ["GOINSECURE"] = _server.Host,
        ["GOPRIVATE"] = _server.Host,
    };

    public Task<ProcessResult> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = Home,
            ["GOPATH"] = Path.Combine(Root, "gopath"),
            ["GOMODCACHE"] = Path.Combine(Root, "modcache"),
            ["GOCACHE"] = Path.Combine(Root, "gocache"),
            ["GOENV"] = "off",
            ["GOFLAGS"] = "-modcacherw",
            ["GOTOOLCHAIN"] = "local",
            ["GO111MODULE"] = "on",
            ["CGO_ENABLED"] = "0",
            ["GOPROXY"] = "off",
            ["GONOSUMDB"] = _server.Host,
            ["NETRC"] = _netrc,
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["SSL_CERT_FILE"] = _server.CaFile ?? throw new InvalidOperationException("go needs an HTTPS server"),
            ["GIT_SSL_CAINFO"] = _server.CaFile,
        };
        foreach (var (k, v) in env) environment[k] = v;
        return SpecProcess.RunAsync("go", workingDirectory ?? Root, args, environment, Timeout, clearEnvironment: true);
    }

    /// <summary>`go mod download -json` of every module@query at once: one JSON object per module, in go's order.</summary>
    public async Task<IReadOnlyList<GoModuleResult>> DownloadAsync(IReadOnlyDictionary<string, string> env, IEnumerable<string> queries)
    {
        var result = await RunAsync(null, env, ["mod", "download", "-json", .. queries]);
        return Parse<GoModuleResult>(result);
    }

    /// <summary>`go list -m -json -e` of the arguments (paths with -versions, or module@query).</summary>
    public async Task<IReadOnlyList<GoListedModule>> ListAsync(IReadOnlyDictionary<string, string> env, bool versions, IEnumerable<string> args)
    {
        var result = await RunAsync(null, env, ["list", "-m", "-json", "-e", .. (versions ? new[] { "-versions" } : []), .. args]);
        return Parse<GoListedModule>(result);
    }

    /// <summary>go -json prints a stream of objects; anything else (a usage error) fails the spec with go's stderr.</summary>
    private static List<T> Parse<T>(ProcessResult result)
    {
        var items = new List<T>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(result.Stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
            items.Add(JsonSerializer.Deserialize<T>(ref reader) ?? throw new JsonException("null module"));
        if (items.Count == 0) Assert.Fail($"go printed no JSON (exit {result.ExitCode}): {result.Stderr}");
        return items;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A go or git child still holding a file: the OS cleans temp eventually.
        }
    }
}
