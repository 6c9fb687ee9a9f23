namespace GitLabLite.Bench;

/// <summary>
/// nginx over TLS (the same certificate as the app) serving given bytes at given paths: the static-file limit the
/// app's answers are compared with, in the same run on the same cores.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private readonly NginxProcess _nginx;

    private NginxServer(NginxProcess nginx, int port)
    {
        _nginx = nginx;
        Port = port;
    }

    public int Port { get; }

    /// <inheritdoc cref="NginxProcess.Pid"/>
    public int Pid => _nginx.Pid;

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    /// <param name="files">Path → (file on disk, content type).</param>
    /// <param name="notFound">Path → body answered with 404, as text/plain.</param>
    /// <param name="trees">Path prefix ending in "/" → directory served under it (files read at request time).</param>
    public static async Task<NginxServer> StartAsync(string directory, string certPath, string keyPath,
        IReadOnlyDictionary<string, (string File, string ContentType)> files, IReadOnlyDictionary<string, string> notFound,
        IReadOnlyDictionary<string, string>? trees = null)
    {
        var port = Shell.FreePort();
        var locations = string.Concat(files.Select(f => $"    location = {f.Key} {{ alias {f.Value.File}; default_type \"{f.Value.ContentType}\"; }}\n"))
            + string.Concat((trees ?? new Dictionary<string, string>()).Select(t => $"    location {t.Key} {{ alias {t.Value.TrimEnd('/')}/; default_type application/octet-stream; }}\n"))
            + string.Concat(notFound.Select(n => $"    location = {n.Key} {{ default_type \"text/plain; charset=utf-8\"; return 404 '{n.Value.Replace("'", "\\'").Replace("\n", "\\n")}'; }}\n"));
        var nginx = await NginxProcess.StartAsync(directory, 2, port, $$"""
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{certPath}};
                ssl_certificate_key {{keyPath}};
                ssl_protocols TLSv1.2 TLSv1.3;
            {{locations}}  }
            """);
        return new NginxServer(nginx, port);
    }

    public void Dispose() => _nginx.Dispose();
}
