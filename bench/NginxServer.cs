using System.Diagnostics;

namespace GitLabLite.Bench;

/// <summary>
/// nginx over TLS (the same certificate as the app) serving given bytes at given paths: the static-file limit the
/// app's answers are compared with, in the same run on the same cores.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;

    private NginxServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    /// <param name="files">Path → (file on disk, content type).</param>
    /// <param name="notFound">Path → body answered with 404, as text/plain.</param>
    /// <param name="trees">Path prefix ending in "/" → directory served under it (files read at request time).</param>
    public static async Task<NginxServer> StartAsync(string directory, string certPath, string keyPath,
        IReadOnlyDictionary<string, (string File, string ContentType)> files, IReadOnlyDictionary<string, string> notFound,
        IReadOnlyDictionary<string, string>? trees = null)
    {
        var port = Shell.FreePort();
        Directory.CreateDirectory(directory);
        var locations = string.Concat(files.Select(f => $"    location = {f.Key} {{ alias {f.Value.File}; default_type \"{f.Value.ContentType}\"; }}\n"))
            + string.Concat((trees ?? new Dictionary<string, string>()).Select(t => $"    location {t.Key} {{ alias {t.Value.TrimEnd('/')}/; default_type application/octet-stream; }}\n"))
            + string.Concat(notFound.Select(n =>
            {
                var body = Path.Combine(directory, $"404-{Math.Abs(n.Key.GetHashCode()):x}.txt");
                File.WriteAllText(body, n.Value);
                return $"    location = {n.Key} {{ default_type \"text/plain; charset=utf-8\"; return 404 '{File.ReadAllText(body).Replace("'", "\\'").Replace("\n", "\\n")}'; }}\n";
            }));
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 2;
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
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{certPath}};
                ssl_certificate_key {{keyPath}};
                ssl_protocols TLSv1.2 TLSv1.3;
            {{locations}}  }
            }
            """);
        var process = Process.Start(new ProcessStartInfo("nginx", ["-c", Path.Combine(directory, "nginx.conf"), "-p", directory]) { RedirectStandardError = true })!;
        var server = new NginxServer(process, port);
        for (var i = 0; !Shell.Listening(port); i++)
        {
            if (process.HasExited || i > 100) throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync()}");
            await Task.Delay(50);
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT lets the master stop its workers; killing the master alone would orphan them.
        if (!_process.HasExited) Process.Start("kill", ["-QUIT", _process.Id.ToString()])!.WaitForExit();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
