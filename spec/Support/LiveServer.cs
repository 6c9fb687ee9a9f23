using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The app listening on a real loopback socket, for specs that drive external clients (git, go) which cannot talk to
/// the in-memory TestServer. It is a second WebApplicationFactory over the same Postgres and repositories directory
/// as <see cref="AppFactory"/> (both read the environment AppFactory sets), so data created through
/// <c>RequestSpec.Get&lt;T&gt;()</c> is visible here; only in-process singletons are separate. GitLab:Url is the
/// server's own address (http://127.0.0.1:&lt;port&gt;), so clone URLs and go-import meta tags point back at it.
/// Usage, from a RequestSpec (whose AppFactory sets that environment first): <c>LiveServer.Shared.BaseUrl</c>;
/// started on first use, stopped by AssemblyHooks.
/// </summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    private static LiveServer? _shared;

    private LiveServer()
    {
        // Kestrel cannot report a port before it starts, but GitLab:Url must name it: take a free one first.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public static LiveServer Shared
    {
        get
        {
            if (_shared is not null) return _shared;
            var server = new LiveServer();
            server.StartServer();
            return _shared = server;
        }
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static void DisposeShared()
    {
        _shared?.Dispose();
        _shared = null;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["GitLab:Url"] = BaseUrl }));
    }
}
