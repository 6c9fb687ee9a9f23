using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// SIGTERM (what systemd and docker send) while a client slowly downloads a large module zip: the app stops
/// accepting connections at once, lets the download finish intact, and then exits 0 well within
/// HostOptions.ShutdownTimeout (30 s, ReliabilityInitializer).
/// </summary>
[TestClass]
public sealed class GracefulShutdownSpec : RequestSpec
{
    private const int ZipFiles = 12;
    private const int FileSize = 1 << 20;
    private const int Chunk = 64 * 1024;

    [TestMethod]
    public async Task Terminate_MidDownload_FinishesTheDownloadRefusesNewConnectionsAndExitsZero()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "grace", visibility: Visibility.Public);
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "big", group, Visibility.Public);
        using (var git = await GitFixture.CreateAsync())
        {
            // Incompressible files: the zip stays ~12 MiB, far more than the socket buffers can hold in flight.
            var random = new Random(11);
            for (var i = 0; i < ZipFiles; i++)
            {
                var bytes = new byte[FileSize];
                random.NextBytes(bytes);
                Directory.CreateDirectory(Path.Combine(git.WorkTree, "data"));
                await File.WriteAllBytesAsync(Path.Combine(git.WorkTree, "data", $"f{i}.bin"), bytes);
            }
            await git.CommitAsync("big.go", "package big\n");
            await git.TagAsync("v1.0.0");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        }
        var cache = Path.Combine(Path.GetTempPath(), $"gitlablite-shutdown-{Guid.NewGuid():N}");
        try
        {
            using var app = AppProcess.Start(new Dictionary<string, string>
            {
                ["GitLab__RepositoriesPath"] = Factory.RepositoriesPath,
                ["GitLab__CachePath"] = cache,
            });
            await app.WaitReadyAsync();
            using (var adminClient = app.Client(token))
                Assert.AreEqual(HttpStatusCode.Created, (await adminClient.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
            var url = $"/api/v4/projects/{project.Id}/packages/go/127.0.0.1/grace/big/@v/v1.0.0.zip";
            // The first download builds and caches the zip; it is the reference the interrupted one must equal.
            using var reference = app.Client();
            var expected = SHA256.HashData(await reference.GetByteArrayAsync(url));

            using var slow = SmallWindowClient(app.BaseUrl);
            using var response = await slow.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            var length = response.Content.Headers.ContentLength ?? throw new AssertFailedException("no Content-Length");
            Assert.IsGreaterThan(10L << 20, length);
            await using var body = await response.Content.ReadAsStreamAsync();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var read = await ReadSlowlyAsync(body, hash, stopAfter: 1 << 20);

            app.Terminate();
            await AssertRefusesConnectionsAsync(app.Port);
            Assert.IsFalse(app.HasExited, "the app exited while a download was in flight");
            read += await ReadSlowlyAsync(body, hash, stopAfter: long.MaxValue);

            Assert.AreEqual(length, read, "bytes received");
            CollectionAssert.AreEqual(expected, hash.GetHashAndReset(), "the interrupted download differs from the reference");
            Assert.IsTrue(app.WaitForExit(TimeSpan.FromSeconds(10)), $"the app did not exit after the download:\n{app.Output}");
            Assert.AreEqual(0, app.ExitCode, app.Output);
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>A client whose socket receive buffer is small, so the server is still writing while we read slowly.</summary>
    private static HttpClient SmallWindowClient(string baseUrl) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = Chunk, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Reads ~3 MiB/s until <paramref name="stopAfter"/> bytes or the end; returns the bytes read.</summary>
    private static async Task<long> ReadSlowlyAsync(Stream body, IncrementalHash hash, long stopAfter)
    {
        var buffer = new byte[Chunk];
        long total = 0;
        while (total < stopAfter)
        {
            var n = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, stopAfter - total)));
            if (n == 0) break;
            hash.AppendData(buffer, 0, n);
            total += n;
            await Task.Delay(20);
        }
        return total;
    }

    /// <summary>
    /// After SIGTERM the listener closes promptly: a new TCP connection is refused, or reset when it raced the close
    /// (accepted into the listen backlog a moment before the listener went away), which refuses it just as well.
    /// </summary>
    private static async Task AssertRefusesConnectionsAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("new connections were still accepted 5 s after SIGTERM");
    }
}
