using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The real nginx (Debian's, installed by bin/setup) as the load balancer in front of app nodes, as an operator
/// runs it: TLS ends here, requests go round-robin to the nodes over plain HTTP on kept-alive connections, with the
/// Host and X-Forwarded-* headers a proxy sets. Its port is chosen first, so nodes can be told their external URL.
/// </summary>
public sealed class NginxBalancer : IDisposable
{
    private readonly string _directory;
    private readonly X509Certificate2 _certificate;
    private Process? _process;

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
    public async Task StartAsync(IEnumerable<AppProcess> nodes)
    {
        var servers = string.Concat(nodes.Select(n => $"    server 127.0.0.1:{n.Port};\n"));
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{_directory}}/body;
              proxy_temp_path {{_directory}}/proxy;
              fastcgi_temp_path {{_directory}}/fastcgi;
              uwsgi_temp_path {{_directory}}/uwsgi;
              scgi_temp_path {{_directory}}/scgi;
              upstream gitlablite {
            {{servers}}    keepalive 64;
              }
              server {
                listen 127.0.0.1:{{Port}} ssl;
                ssl_certificate {{_directory}}/cert.pem;
                ssl_certificate_key {{_directory}}/key.pem;
                client_max_body_size 0;
                # Metrics are per node: Prometheus scrapes each node itself. Through the balancer every caller
                # would look like the balancer's own (loopback) address to the nodes' allow-list.
                location = /-/metrics { return 404; }
                location / {
                  proxy_pass http://gitlablite;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_request_buffering off;
                }
              }
            }
            """);
        _process = Process.Start(new ProcessStartInfo("nginx", ["-c", Path.Combine(_directory, "nginx.conf"), "-p", _directory])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var waited = Stopwatch.StartNew();
        while (!Listening())
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException($"nginx did not start: {await _process.StandardError.ReadToEndAsync()}{ErrorLog()}");
            await Task.Delay(50);
        }
    }

    private string ErrorLog() => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    private bool Listening()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

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
        if (_process is { HasExited: false })
        {
            // SIGQUIT lets the master stop its workers; killing the master alone would orphan them.
            Process.Start("kill", ["-QUIT", _process.Id.ToString()])!.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill(entireProcessTree: true);
        }
        _process?.Dispose();
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
