using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using GitLabLite.Spec.Support;
using LibGit2Sharp;
using Npgsql;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// A newcomer's first start (issue 18), on a clean clone of the committed tree in a temp directory with its own
/// Postgres cluster (bin/setup picks a free port; the suite's cluster is never touched): `bin/run --demo` with no
/// settings builds, serves HTTPS with a local CA and prints three lines that, pasted into a shell exactly as printed,
/// make the real go command fetch two private modules through the Go proxy and run a program built from them. A
/// restart finds the demo and creates nothing; explicit ASP.NET settings still win; a failing step is named with its
/// log. One story in one spec, because the clone's Release build (about a minute) is paid once.
/// </summary>
[TestClass]
public sealed partial class FirstRunSpec
{
    private static readonly TimeSpan FirstStart = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan LaterStart = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Stop = TimeSpan.FromMinutes(1);

    private static readonly (string Name, string Sql)[] Rows =
    [
        ("users", "SELECT username FROM users ORDER BY id"),
        ("namespaces", "SELECT path || ' ' || type FROM namespaces ORDER BY id"),
        ("projects", "SELECT p.path || ' in ' || n.path || ' ' || p.description FROM projects p JOIN namespaces n ON n.id = p.namespace_id ORDER BY p.id"),
        ("members", "SELECT m.source_type || ' ' || m.source_id || ' ' || u.username || ' ' || m.access_level FROM members m JOIN users u ON u.id = m.user_id ORDER BY m.id"),
        ("tokens", "SELECT u.username || ' ' || t.name || ' ' || array_to_string(t.scopes, ',') || ' revoked=' || t.revoked FROM personal_access_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id"),
        ("gates", "SELECT feature_key || ' ' || key || ' ' || value FROM feature_gates ORDER BY id"),
    ];

    [TestMethod]
    public async Task BinRun_CleanCloneWithDemo_PrintsLinesThatRunAProgramFromPrivateModules_RestartsWithoutDuplicates_KeepsExplicitSettings()
    {
        var root = Directory.CreateTempSubdirectory("gitlablite-firstrun-").FullName;
        var checkout = Path.Combine(root, "gitlablite");
        try
        {
            var clone = await SpecProcess.RunAsync("git", root, ["clone", "--quiet", AppProcess.RepositoryRoot, checkout],
                BinRunProcess.ShellEnvironment(), TimeSpan.FromMinutes(2), clearEnvironment: true);
            Assert.AreEqual(0, clone.ExitCode, clone.Stderr);

            var (block, netrcLine, snapshot) = await FirstStartAsync(root, checkout);
            await RestartAsync(checkout, block, netrcLine, snapshot);
            await ExplicitSettingsAsync(root, checkout);
            await FailingStepAsync(checkout);
        }
        finally
        {
            StopClusterIfRunning(checkout);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(IReadOnlyList<string> Block, string NetrcLine, string Snapshot)> FirstStartAsync(string root, string checkout)
    {
        using var run = BinRunProcess.Start(checkout, new Dictionary<string, string>(), "--demo");
        await run.WaitForLineAsync(l => l.StartsWith("go run ", StringComparison.Ordinal), FirstStart);
        var lines = run.Lines();
        foreach (var step in new[] { "creating the Postgres cluster", "building the app", "creating the local certificate authority", "issuing the server certificate", "migrating the database", "seeding the demo", "starting the server" })
            Assert.IsTrue(lines.Any(l => l.StartsWith($"[run] {step}", StringComparison.Ordinal) && StepLine().IsMatch(l)),
                $"no progress line with a duration for '{step}':\n{run.Output}");

        var url = Regex.Match(run.Output, @"GitLabLite is running at (https://127\.0\.0\.1:\d+) ").Groups[1].Value;
        Assert.AreNotEqual("", url, run.Output);
        var block = Block(lines);
        var program = await RunInShellAsync(root, string.Join('\n', block));
        Assert.AreEqual(0, program.ExitCode, $"the printed lines failed:\n{string.Join('\n', block)}\n{program.Stderr}");
        var host = new Uri(url).Host;
        StringAssert.Contains(program.Stdout, "Hello, Ada, Grace and Ken!\n");
        StringAssert.Contains(program.Stdout,
            $"built from {host}/demo/words/hello v1.0.0 with 2 modules: {host}/demo/greeter v1.1.0 and {host}/demo/words v1.1.0\n");

        // The printed TLS line is what git and curl need too: git gets as far as asking for credentials (the
        // certificate was accepted), curl reads the labelled demo project with the developer's token.
        var tlsLine = lines.Single(l => l.TrimStart().StartsWith("export SSL_CERT_FILE=", StringComparison.Ordinal)).Trim();
        var token = File.ReadAllText(Path.Combine(checkout, "tmp", "demo_token")).Trim();
        var clients = await RunInShellAsync(root,
            $"{tlsLine}\nGIT_TERMINAL_PROMPT=0 git ls-remote {url}/demo/words.git\ncurl -sSf -H 'PRIVATE-TOKEN: {token}' {url}/api/v4/projects/demo%2Fwords");
        StringAssert.Contains(clients.Stderr, $"could not read Username for '{url}'");
        Assert.IsFalse(clients.Stderr.Contains("certificate", StringComparison.OrdinalIgnoreCase), clients.Stderr);
        var project = JsonDocument.Parse(clients.Stdout).RootElement;
        StringAssert.StartsWith(project.GetProperty("description").GetString(), "Demo data from bin/run --demo");

        var snapshot = await SnapshotAsync(checkout);
        StringAssert.Contains(snapshot, "users: root, demo-developer\n");
        StringAssert.Matches(snapshot, new Regex(@"members: Namespace (\d+) root 50, Namespace \1 demo-developer 30\n"));
        StringAssert.Contains(snapshot, "tokens: demo-developer bin/run --demo read_api revoked=false\n");
        Assert.AreEqual(2, Regex.Matches(snapshot, "go_proxy actors Project:").Count, snapshot);

        Assert.AreEqual(0, await run.TerminateAsync(Stop), run.Output);
        StringAssert.Contains(run.Output, "[run] Postgres stopped");
        Assert.IsFalse(File.Exists(Path.Combine(checkout, "tmp", "pg", "data", "postmaster.pid")), "Postgres still running after bin/run stopped");
        return (block, block[1], snapshot);
    }

    private static async Task RestartAsync(string checkout, IReadOnlyList<string> firstBlock, string netrcLine, string snapshot)
    {
        using var run = BinRunProcess.Start(checkout, new Dictionary<string, string>(), "--demo");
        await run.WaitForLineAsync(l => l.StartsWith("go run ", StringComparison.Ordinal), LaterStart);
        var lines = run.Lines();
        Assert.IsFalse(lines.Any(l => l.Contains("creating the", StringComparison.Ordinal)), $"a later start created something again:\n{run.Output}");
        var block = Block(lines);
        Assert.AreEqual(netrcLine, block[1], "the demo token changed");
        Assert.AreEqual(firstBlock[2], block[2]);
        Assert.AreEqual(snapshot, await SnapshotAsync(checkout));
        Assert.AreEqual(0, await run.TerminateAsync(Stop), run.Output);
    }

    /// <summary>The settings the lead's judges pass: HTTPS with their own PEM certificate, GitLab__Url, a root token; HTTP beside it.</summary>
    private static async Task ExplicitSettingsAsync(string root, string checkout)
    {
        using var certificate = SelfSignedCertificate.Create(IPAddress.Loopback);
        var certPath = Path.Combine(root, "cert.pem");
        var keyPath = Path.Combine(root, "key.pem");
        SelfSignedCertificate.WritePem(certificate, certPath);
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        var (httpsPort, httpPort) = (AppProcess.FreePort(), AppProcess.FreePort());
        var rootToken = "glpat-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var run = BinRunProcess.Start(checkout, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{httpsPort};http://127.0.0.1:{httpPort}",
            ["Kestrel__Certificates__Default__Path"] = certPath,
            ["Kestrel__Certificates__Default__KeyPath"] = keyPath,
            ["GitLab__Url"] = $"https://127.0.0.1:{httpsPort}",
            ["GITLAB_ROOT_TOKEN"] = rootToken,
        });
        await run.WaitForLineAsync(l => l.StartsWith("GitLabLite is running at ", StringComparison.Ordinal), LaterStart);
        Assert.IsFalse(run.Output.Contains("local CA", StringComparison.Ordinal), $"bin/run replaced the given certificate:\n{run.Output}");

        using var https = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        }) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };
        https.DefaultRequestHeaders.Add("PRIVATE-TOKEN", rootToken);
        var user = await https.GetFromJsonAsync<JsonElement>("/api/v4/user");
        Assert.AreEqual("root", user.GetProperty("username").GetString());
        var project = await https.GetFromJsonAsync<JsonElement>("/api/v4/projects/demo%2Fwords");
        StringAssert.StartsWith(project.GetProperty("go_proxy_url").GetString(), $"https://127.0.0.1:{httpsPort}/api/v4/projects/");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync("/-/readiness")).StatusCode);
        Assert.AreEqual(0, await run.TerminateAsync(Stop), run.Output);
    }

    private static async Task FailingStepAsync(string checkout)
    {
        using var run = BinRunProcess.Start(checkout, new Dictionary<string, string>
        {
            ["ConnectionStrings__Main"] = "Host=127.0.0.1;Bogus=1",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{AppProcess.FreePort()}",
        });
        Assert.AreNotEqual(0, await run.WaitForExitAsync(LaterStart), run.Output);
        var log = Path.Combine(checkout, "tmp", "log", "migrate.log");
        StringAssert.Matches(run.Output, new Regex($@"\[run\] migrating the database FAILED after \d+\.\d s \(exit \d+\); read {Regex.Escape(log)}"));
        StringAssert.Contains(File.ReadAllText(log), "bogus");
    }

    /// <summary>The three lines between the demo's introduction and the blank line after them, as printed.</summary>
    private static List<string> Block(IReadOnlyList<string> lines)
    {
        var start = lines.ToList().FindIndex(l => l.StartsWith("export HOME=", StringComparison.Ordinal));
        Assert.IsTrue(start >= 0, string.Join('\n', lines));
        var block = lines.Skip(start).Take(3).ToList();
        Assert.IsTrue(block[2].StartsWith("go run ", StringComparison.Ordinal), string.Join('\n', lines));
        return block;
    }

    /// <summary>Runs lines in bash as a user's new shell would (PATH and HOME only); mktemp's directories stay under root.</summary>
    private static Task<ProcessResult> RunInShellAsync(string root, string script)
    {
        var home = Directory.CreateDirectory(Path.Combine(root, "newcomer")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var env = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = temp,
        };
        return SpecProcess.RunAsync("bash", home, ["-c", script], env, TimeSpan.FromMinutes(5), clearEnvironment: true);
    }

    /// <summary>Everything the demo seeds, row by row, and the refs of its repositories.</summary>
    private static async Task<string> SnapshotAsync(string checkout)
    {
        var port = File.ReadAllText(Path.Combine(checkout, "tmp", "pg", "port")).Trim();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=gitlablite;Pooling=false");
        var lines = new List<string>();
        foreach (var (name, sql) in Rows)
            lines.Add($"{name}: {string.Join(", ", await connection.QueryAsync<string>(sql))}");
        foreach (var project in new[] { "demo/words", "demo/greeter" })
        {
            using var repository = new Repository(Path.Combine(checkout, "tmp", "repositories", project + ".git"));
            lines.Add($"{project}: {string.Join(", ", repository.Refs.OrderBy(r => r.CanonicalName).Select(r => $"{r.CanonicalName}={r.TargetIdentifier}"))}");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>After a failed spec bin/run may not have stopped the clone's cluster: stop it, so nothing outlives the spec.</summary>
    private static void StopClusterIfRunning(string checkout)
    {
        var data = Path.Combine(checkout, "tmp", "pg", "data");
        var ctl = Directory.Exists("/usr/lib/postgresql") ? Directory.GetFiles("/usr/lib/postgresql", "pg_ctl", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (!File.Exists(Path.Combine(data, "postmaster.pid")) || ctl is null) return;
        var stop = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(checkout, "bin", "pg"), "stop"]);
        stop.Environment["PG_BINDIR"] = Path.GetDirectoryName(ctl);
        stop.Environment["PG_DATA"] = data;
        stop.Environment["PG_PORT"] = File.ReadAllText(Path.Combine(checkout, "tmp", "pg", "port")).Trim();
        System.Diagnostics.Process.Start(stop)?.WaitForExit(60_000);
    }

    [GeneratedRegex(@"^\[run\] .+ \.\.\. \d+\.\d s$")]
    private static partial Regex StepLine();
}
