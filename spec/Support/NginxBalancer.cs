using System.Net;
using System.Security.Cryptography.X509Certificates;
using GitLabLite.Bench;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The real nginx (Debian's, installed by bin/setup) as the load balancer in front of app nodes, as an operator
/// runs it (<see cref="NginxProcess.Balancer"/>, docker-compose's locations): TLS ends here, requests go round-robin
/// to the nodes over plain HTTP on kept-alive connections, with the Host and X-Forwarded-* headers a proxy sets. Its
/// port is chosen first, so nodes can be told their external URL.
/// </summary>
public sealed class NginxBalancer : IDisposable
{
    private readonly string _directory;
    private readonly X509Certificate2 _certificate;
    private NginxProcess? _nginx;

    public NginxBalancer()
    {
        _directory = Directory.CreateTempSubdirectory("gitlablite-nginx-").FullName;
        _certificate = SelfSignedCertificate.Create(IPAddress.Loopback);
        CaFile = Path.Combine(_directory, "cert.pem");
        SelfSignedCertificate.WritePem(_certificate, CaFile);
        File.WriteAllText(Path.Combine(_directory, "key.pem"), _certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        Port = AppProcess.FreePort();
    }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    /// <summary>PEM of the balancer's certificate, for the clients that trust it (go's SSL_CERT_FILE).</summary>
    public string CaFile { get; }

    /// <summary>Starts nginx in front of <paramref name="nodes"/> and returns once it listens.</summary>
    public async Task StartAsync(IEnumerable<AppProcess> nodes) =>
        _nginx = await NginxProcess.StartAsync(_directory, 1, Port, NginxProcess.Balancer(
            Port, nodes.Select(n => n.Port), CaFile, Path.Combine(_directory, "key.pem"), AppProcess.RepositoryRoot));

    /// <summary>A client of the balancer that trusts its certificate alone.</summary>
    public HttpClient Client(string? token = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
            MaxConnectionsPerServer = 256,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    public void Dispose()
    {
        _nginx?.Dispose();
        _certificate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing its log: temp is cleaned eventually.
        }
    }
}
