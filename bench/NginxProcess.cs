using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Bench;

/// <summary>
/// nginx in the foreground with everything of its own (config, pid, logs, temp files) in one directory, as
/// bin/bench and the specs run it: spec/GitLabLite.Spec.csproj compiles this very file. <see cref="Balancer"/> is the
/// load balancer in front of app nodes, with config/nginx/gitlablite-locations.conf, which docker-compose's nginx
/// includes too.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    private readonly Process _process;

    private NginxProcess(Process process) => _process = process;

    /// <summary>
    /// Writes nginx.conf, the preamble around <paramref name="http"/> (the upstream and server blocks of its http
    /// block), starts nginx and returns once <paramref name="port"/> on 127.0.0.1 accepts connections.
    /// </summary>
    public static async Task<NginxProcess> StartAsync(string directory, int workers, int port, string http)
    {
        Directory.CreateDirectory(directory);
        var conf = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(conf, $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes {{workers}};
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              sendfile on;
              keepalive_requests 1000000;
              keepalive_timeout 120s;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
            {{http}}
            }
            """);
        var nginx = new NginxProcess(Process.Start(new ProcessStartInfo("nginx", ["-c", conf, "-p", directory]) { RedirectStandardError = true, RedirectStandardOutput = true })!);
        var waited = Stopwatch.StartNew();
        while (!Listening(port))
        {
            if (nginx._process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                nginx.Dispose();
                var log = Path.Combine(directory, "error.log");
                throw new InvalidOperationException($"nginx did not start: {(File.Exists(log) ? File.ReadAllText(log) : "no error.log")}");
            }
            await Task.Delay(50);
        }
        return nginx;
    }

    /// <summary>
    /// The http block of a load balancer over TLS on 127.0.0.1:<paramref name="port"/> in front of app nodes on plain
    /// HTTP at 127.0.0.1:<paramref name="nodePorts"/>: round-robin over kept-alive connections, with the locations
    /// of config/nginx/gitlablite-locations.conf under <paramref name="repositoryRoot"/>.
    /// </summary>
    public static string Balancer(int port, IEnumerable<int> nodePorts, string certPath, string keyPath, string repositoryRoot) => $$"""
          upstream gitlablite {
        {{string.Concat(nodePorts.Select(p => $"    server 127.0.0.1:{p};\n"))}}    keepalive 64;
          }
          server {
            listen 127.0.0.1:{{port}} ssl;
            ssl_certificate {{certPath}};
            ssl_certificate_key {{keyPath}};
            include {{Path.Combine(repositoryRoot, "config", "nginx", "gitlablite-locations.conf")}};
          }
        """;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGQUIT lets the master stop its workers; killing the master alone would orphan them.
            Process.Start("kill", ["-QUIT", _process.Id.ToString()])!.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
