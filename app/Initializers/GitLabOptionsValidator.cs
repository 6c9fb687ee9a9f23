using Microsoft.Extensions.Options;

namespace GitLabLite.Initializers;

/// <summary>Refuses to start with a URL that cannot produce valid Go module paths, or proxies that are not networks.</summary>
public sealed class GitLabOptionsValidator : IValidateOptions<GitLabOptions>
{
    public ValidateOptionsResult Validate(string? name, GitLabOptions options)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
            return ValidateOptionsResult.Fail($"GitLab:Url must be an absolute http(s) URL, got '{options.Url}'.");
        if (string.IsNullOrWhiteSpace(options.RepositoriesPath))
            return ValidateOptionsResult.Fail("GitLab:RepositoriesPath must name a directory for bare repositories.");
        if (!NetworkList.AllValid(options.TrustedProxies))
            return ValidateOptionsResult.Fail("GitLab:TrustedProxies must hold IP addresses or CIDR networks (e.g. 10.0.0.5, 172.30.80.0/24).");
        var host = string.IsNullOrEmpty(options.GoModuleHost) ? url.Host : options.GoModuleHost;
        // go.dev/ref/mod#go-mod-file-ident: the first path element of a module path must contain a dot.
        if (!host.Contains('.'))
            return ValidateOptionsResult.Fail(
                $"GitLab:Url host '{url.Host}' has no dot, so Go module paths under it are invalid; use e.g. 127.0.0.1 or set GitLab:GoModuleHost.");
        return ValidateOptionsResult.Success;
    }
}
