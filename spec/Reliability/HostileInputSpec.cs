using System.Net.Sockets;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Over a thousand generated bad requests (fixed seed) against the real Kestrel server, sent as raw bytes so that
/// nothing client-side cleans them up: random bytes, bad escapes, traversal, NUL, overlong segments, bad headers,
/// invalid or huge bodies, across API, proxy, git HTTP, go-get and pages. Every one must get an answer, and none a
/// 5xx: no hang, no connection closed or reset without a status line.
/// </summary>
[TestClass]
public sealed class HostileInputSpec : RequestSpec
{
    private const int Requests = 1100;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task FuzzedRequests_AcrossEndpoints_EveryOneAnsweredNone5xx()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "ns", visibility: Visibility.Public);
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group, Visibility.Public);
        using (var git = await GitFixture.CreateAsync())
        {
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = "module 127.0.0.1/ns/lib\n", ["a.go"] = "package a\n" });
            await git.TagAsync("v1.0.0");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        }
        var server = LiveServer.Shared;
        await Client(token).PostAsync("/api/v4/features/go_proxy?value=true", null);
        var random = new Random(20261125);
        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var request = Generate(random, project.Id, token, i);
            var (status, failure) = await SendAsync(server.Port, request);
            if (failure is not null || status >= 500) failures.Add($"{failure ?? status.ToString()}: {Printable(request)}");
        }
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(20)));
    }

    private static readonly string[] Bad = ["..", "%2e%2e", "%2E%2E%2F", "%00", "%ff%fe", "%c0%af", "!", "!!", "!%00", "%", "%zz", "~", "\\..\\", "@v", "@latest", ".git", "%2F", "+cache"];

    private static byte[] Generate(Random random, long projectId, string token, int i)
    {
        var target = Target(random, projectId);
        var method = new[] { "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD" }[random.Next(7)];
        var headers = new StringBuilder($"Host: 127.0.0.1\r\nConnection: close\r\n");
        switch (random.Next(6))
        {
            case 0: headers.Append($"PRIVATE-TOKEN: {token}\r\n"); break;
            case 1: headers.Append($"PRIVATE-TOKEN: glpat-{Noise(random, 30)}\r\n"); break;
            case 2: headers.Append($"Authorization: Basic {Noise(random, 20)}\r\n"); break;
            case 3: headers.Append($"Authorization: Bearer {new string('x', random.Next(1, 5000))}\r\n"); break;
            case 4: headers.Append($"X-Request-Id: {Noise(random, 200)}\r\n"); break;
        }
        byte[] body = [];
        if (method is "POST" or "PUT")
        {
            body = random.Next(5) switch
            {
                0 => Encoding.UTF8.GetBytes("{\"name\": "),
                1 => Encoding.UTF8.GetBytes("{\"name\": 12, \"visibility\": [1], \"namespace_id\": \"x\", \"scopes\": {}}"),
                2 => new byte[(2 << 20) + random.Next(1000)],
                3 => RandomBytes(random, random.Next(1, 4000)),
                _ => Encoding.UTF8.GetBytes("{\"path\": \"" + new string('a', random.Next(1, 100_000)) + "\"}"),
            };
            headers.Append(random.Next(3) switch
            {
                0 => "Content-Type: application/json\r\n",
                1 => "Content-Type: application/x-www-form-urlencoded\r\n",
                _ => "Content-Type: application/x-git-receive-pack-request\r\n",
            });
            headers.Append($"Content-Length: {body.Length}\r\n");
        }
        var head = Encoding.Latin1.GetBytes($"{method} ").Concat(target).Concat(Encoding.ASCII.GetBytes($" HTTP/1.1\r\n{headers}\r\n"));
        return [.. head, .. body];
    }

    private static byte[] Target(Random random, long projectId)
    {
        string[] templates =
        [
            $"/api/v4/projects/{projectId}/packages/go/127.0.0.1/ns/lib/@v/{{v}}.info",
            $"/api/v4/projects/{projectId}/packages/go/127.0.0.1/ns/lib/@v/{{v}}.zip",
            $"/api/v4/projects/{projectId}/packages/go/{{m}}/@v/list",
            "/api/v4/projects/{m}/packages/go/127.0.0.1/{m}/@latest",
            "/api/v4/projects/{m}",
            "/api/v4/projects/{m}/repository/tags?per_page={v}",
            "/api/v4/groups/{m}",
            "/api/v4/users/{v}",
            "/api/v4/features/{m}",
            "/api/v4/projects?visibility={v}&page={v}",
            "/{m}.git/info/refs?service={v}",
            "/ns/{m}.git/git-upload-pack",
            "/ns/lib.git/git-receive-pack",
            "/{m}?go-get=1",
            "/ns/lib/{m}?go-get={v}",
            "/{m}",
            "/-/{m}",
        ];
        var template = templates[random.Next(templates.Length)];
        var text = template.Replace("{m}", Segment(random, true)).Replace("{v}", Segment(random, false));
        var bytes = Encoding.Latin1.GetBytes(text).ToList();
        // Raw bytes (control characters, invalid UTF-8, spaces) straight into the request target now and then.
        if (random.Next(4) == 0)
            bytes.InsertRange(random.Next(1, bytes.Count), RandomBytes(random, random.Next(1, 6)).Where(b => b is not (13 or 10 or 32)));
        return [.. bytes];
    }

    private static string Segment(Random random, bool path)
    {
        var parts = new List<string>();
        for (var n = random.Next(1, path ? 8 : 3); n > 0; n--)
            parts.Add(random.Next(6) switch
            {
                0 => Bad[random.Next(Bad.Length)],
                1 => new string('a', random.Next(100, 9000)),
                2 => "v1.0.0" + Bad[random.Next(Bad.Length)],
                3 => Uri.EscapeDataString(Noise(random, 12)),
                4 => "ns%2Flib",
                _ => "!a!b" + Bad[random.Next(Bad.Length)] + "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            });
        return string.Join(path ? "/" : "", parts);
    }

    private static string Noise(Random random, int max) =>
        new([.. Enumerable.Range(0, random.Next(1, max)).Select(_ => (char)random.Next(33, 127))]);

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// The status line's code, or why there is none: every request must get an answer, so a connection closed or
    /// reset before a status line, or no answer within the time limit, is a failure, never a 400. The response is
    /// read while the request is still being written, because the server may answer (413, 400) and close before it
    /// has read a huge body; the write then fails, which is fine once the answer is in.
    /// </summary>
    private static async Task<(int? Status, string? Failure)> SendAsync(int port, byte[] request)
    {
        using var timeout = new CancellationTokenSource(PerRequest);
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return (null, $"connect: {e.Message}");
        }
        var stream = tcp.GetStream();
        var answer = ReadStatusLineAsync(stream, timeout.Token);
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Judged by the answer alone.
        }
        try
        {
            var line = await answer;
            return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && line.Length >= 12 && int.TryParse(line.AsSpan(9, 3), out var status)
                ? (status, null)
                : (null, line.Length == 0 ? "closed without an answer" : $"not an HTTP answer: {line}");
        }
        catch (OperationCanceledException)
        {
            return (null, "no answer within the time limit");
        }
        catch (IOException e)
        {
            return (null, $"connection reset before an answer: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <summary>The first line the server sends ("" when it closes first).</summary>
    private static async Task<string> ReadStatusLineAsync(Stream stream, CancellationToken ct)
    {
        var line = new List<byte>();
        var buffer = new byte[1];
        while (line.Count < 200 && await stream.ReadAsync(buffer, ct) == 1 && buffer[0] != (byte)'\n') line.Add(buffer[0]);
        return Encoding.Latin1.GetString([.. line]).TrimEnd('\r');
    }

    private static string Printable(byte[] request) =>
        new([.. Encoding.Latin1.GetString(request, 0, Math.Min(request.Length, 300)).Select(c => c is >= ' ' and < '\x7f' ? c : '?')]);
}
