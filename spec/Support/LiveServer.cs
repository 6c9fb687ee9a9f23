using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The app listening on a real socket, for specs that drive external clients (git, go) which cannot talk to the
/// in-memory TestServer. It is a second WebApplicationFactory over the same Postgres and repositories directory as
/// <see cref="AppFactory"/> (both read the environment AppFactory sets), so data created through
/// <c>RequestSpec.Get&lt;T&gt;()</c> is visible here; only in-process singletons are separate. GitLab:Url is the
/// server's own address, so clone URLs and go-import meta tags point back at it. Two shared instances, started on
/// first use (from a RequestSpec, whose AppFactory sets that environment first) and stopped by AssemblyHooks:
/// <see cref="Shared"/> (plain HTTP on 127.0.0.1) and <see cref="Secure"/> (HTTPS on 443 of a random 127.a.b.c).
/// </summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    private static LiveServer? _shared;
    private static LiveServer? _secure;
    private readonly X509Certificate2? _certificate;
    private readonly string? _certificateDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private LiveServer(IPAddress address, int port, X509Certificate2? certificate, int? plainPort = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        Address = address;
        Port = port;
        _certificate = certificate;
        if (certificate is not null)
        {
            _certificateDirectory = Directory.CreateTempSubdirectory("gitlablite-tls-").FullName;
            CaFile = Path.Combine(_certificateDirectory, "ca.pem");
            SelfSignedCertificate.WritePem(certificate, CaFile);
        }
        UseKestrel(o =>
        {
            if (certificate is null) o.Listen(address, port);
            else o.Listen(address, port, l => l.UseHttps(certificate));
            if (plainPort is { } plain) o.Listen(address, plain);
        });
    }

    /// <summary>Plain HTTP on 127.0.0.1 and a free port.</summary>
    public static LiveServer Shared => _shared ??= Started(new LiveServer(IPAddress.Loopback, FreePort(), null));

    /// <summary>
    /// HTTPS on port 443 (and HTTP on 80) of a random loopback address 127.a.b.c other than 127.0.0.1, with a
    /// self-signed certificate for that IP, so GitLab:Url is https://127.a.b.c and module paths start with the bare
    /// address exactly as with a real host. Binding ports below 1024 needs root, as the end-to-end specs run.
    /// </summary>
    public static LiveServer Secure => _secure ??= StartSecure();

    /// <summary>
    /// A secure server of its own (not shared; the caller disposes it) with extra settings and services, e.g.
    /// pull-through pointed at local upstreams.
    /// </summary>
    public static LiveServer StartSecure(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var address = new IPAddress([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255)]);
        return Started(new LiveServer(address, 443, SelfSignedCertificate.Create(address), plainPort: 80, settings, services));
    }

    public IPAddress Address { get; }

    /// <summary>The address as go and git see it: the module host.</summary>
    public string Host => Address.ToString();

    public int Port { get; }

    public string BaseUrl => _certificate is null ? $"http://{Host}:{Port}" : $"https://{Host}";

    /// <summary>PEM file of the certificate (HTTPS servers only), for SSL_CERT_FILE and GIT_SSL_CAINFO.</summary>
    public string? CaFile { get; }

    public RequestLog Requests { get; } = new();

    /// <summary>A client for the real socket that trusts exactly this server's certificate.</summary>
    public HttpClient CreateSocketClient(string? token = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => _certificate is null || presented?.Thumbprint == _certificate.Thumbprint,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl + "/") };
        if (token is not null) client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    public static void DisposeShared()
    {
        _shared?.Dispose();
        _shared = null;
        _secure?.Dispose();
        _secure = null;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _certificate?.Dispose();
        if (_certificateDirectory is not null && Directory.Exists(_certificateDirectory)) Directory.Delete(_certificateDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>(_settings) { ["GitLab:Url"] = BaseUrl }));
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter>(Requests);
            _services?.Invoke(s);
        });
    }

    private static LiveServer Started(LiveServer server)
    {
        server.StartServer();
        return server;
    }

    /// <summary>Kestrel cannot report a port before it starts, but GitLab:Url must name it: take a free one first.</summary>
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
