using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using GitLabLite.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A real git smart-HTTP server the spec runs on loopback (the import sources of the import specs): it serves the
/// bare repositories under <see cref="Root"/> with git upload-pack, on one port of every address it is given, and
/// counts every TCP connection it accepts, so a spec can show that a blocked import never reached it. Optionally it
/// answers every request with a redirect instead.
/// </summary>
public sealed class LocalGitServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private int _connections;

    private LocalGitServer(WebApplication app, string root, int port)
    {
        _app = app;
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    /// <summary>TCP connections accepted so far, whether or not they carried a request.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>
    /// Serves <paramref name="root"/> on <paramref name="addresses"/> (one port for all; addresses this machine lacks,
    /// such as ::1 without IPv6, are skipped). <paramref name="redirect"/>, when given, maps each request to the
    /// Location of a 302 instead.
    /// </summary>
    public static async Task<LocalGitServer> StartAsync(string root, IReadOnlyList<IPAddress> addresses, Func<HttpRequest, string>? redirect = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = AppProcess.FreePort();
            var usable = addresses.Where(a => CanBind(a, port)).ToList();
            if (usable.Count == 0)
            {
                if (attempt < 10) continue;
                throw new InvalidOperationException($"no free port on {string.Join(", ", addresses)}");
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            LocalGitServer? server = null;
            builder.WebHost.ConfigureKestrel(o =>
            {
                foreach (var address in usable)
                    o.Listen(address, port, l => l.Use(next => async context =>
                    {
                        Interlocked.Increment(ref server!._connections);
                        await next(context);
                    }));
            });
            var app = builder.Build();
            server = new LocalGitServer(app, root, port);
            app.Run(http => server.ServeAsync(http, redirect));
            try
            {
                await app.StartAsync();
                return server;
            }
            catch (IOException) when (attempt < 10)
            {
                // Taken between the probe and the bind: another port.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>A bare repository <c>name.git</c> under <see cref="Root"/>, from a fixture's branches and tags.</summary>
    public async Task<string> AddRepositoryAsync(string name, GitFixture fixture)
    {
        var path = Path.Combine(Root, name + ".git");
        await fixture.PushToAsync(path);
        return path;
    }

    public string Url(string host, string name, string scheme = "http") => $"{scheme}://{host}:{Port}/{name}.git";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(HttpContext http, Func<HttpRequest, string>? redirect)
    {
        var request = http.Request;
        _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (redirect is not null)
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = redirect(request);
            return;
        }
        var path = request.Path.Value ?? "";
        var git = GitHttpService.UploadPack;
        var protocol = request.Headers["Git-Protocol"].ToString() is { Length: > 0 } p ? p : null;
        if (HttpMethods.IsGet(request.Method) && path.EndsWith("/info/refs", StringComparison.Ordinal) && request.Query["service"] == git.Name
            && Repository(path[..^"/info/refs".Length]) is { } advertised)
        {
            http.Response.ContentType = git.AdvertisementContentType;
            await GitSmartHttp.AdvertiseRefsAsync(advertised, git, protocol, http.Response.Body, http.RequestAborted);
            return;
        }
        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/" + git.Name, StringComparison.Ordinal)
            && Repository(path[..^(git.Name.Length + 1)]) is { } fetched)
        {
            http.Response.ContentType = git.ResultContentType;
            await using var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            await GitSmartHttp.StatelessRpcAsync(fetched, git, protocol, body, http.Response.Body, http.RequestAborted);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private string? Repository(string urlPath)
    {
        var name = urlPath.Trim('/');
        if (name.Length == 0 || name.Contains("..")) return null;
        var path = Path.Combine(Root, name.EndsWith(".git", StringComparison.Ordinal) ? name : name + ".git");
        return Directory.Exists(path) ? path : null;
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
