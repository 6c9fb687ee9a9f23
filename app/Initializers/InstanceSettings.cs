using Microsoft.Extensions.Options;

namespace GitLabLite.Initializers;

/// <summary>Values derived once from <see cref="GitLabOptions"/>: base URL, module prefix, absolute storage path.</summary>
public sealed class InstanceSettings
{
    public InstanceSettings(IOptions<GitLabOptions> options)
    {
        var o = options.Value;
        var url = new Uri(o.Url.TrimEnd('/') + "/", UriKind.Absolute);
        BaseUrl = o.Url.TrimEnd('/');
        Host = url.Host;
        RelativeRoot = url.AbsolutePath.Trim('/');
        ModuleHost = string.IsNullOrEmpty(o.GoModuleHost) ? url.Host : o.GoModuleHost;
        ModulePrefix = RelativeRoot.Length == 0 ? ModuleHost : $"{ModuleHost}/{RelativeRoot}";
        RepositoriesPath = Path.GetFullPath(o.RepositoriesPath);
        CachePath = Path.GetFullPath(string.IsNullOrEmpty(o.CachePath) ? Path.Combine(RepositoriesPath, "+cache") : o.CachePath);
    }

    /// <summary>External URL without a trailing slash, e.g. https://gitlab.example.com.</summary>
    public string BaseUrl { get; }

    public string Host { get; }

    public string RelativeRoot { get; }

    /// <summary>The first element of every module path of this instance (GoModuleHost, else the URL's host).</summary>
    public string ModuleHost { get; }

    /// <summary>Go module path prefix: host without scheme and port, plus the relative URL root.</summary>
    public string ModulePrefix { get; }

    public string RepositoriesPath { get; }

    public string CachePath { get; }
}
