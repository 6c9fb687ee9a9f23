using GitLabLite.Golang.SumDb;
using Microsoft.Extensions.Options;

namespace GitLabLite.Initializers;

/// <summary>Refuses to start with upstream or checksum-database settings that could never work.</summary>
public sealed class GoProxyOptionsValidator : IValidateOptions<GoProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, GoProxyOptions options)
    {
        foreach (var upstream in options.EffectiveUpstreams)
            if (!IsHttpUrl(upstream))
                return ValidateOptionsResult.Fail($"GitLab:GoProxy:Upstreams: '{upstream}' is not an absolute http(s) URL.");
        if (options.ListTtlSeconds < 0) return ValidateOptionsResult.Fail("GitLab:GoProxy:ListTtlSeconds must not be negative.");
        var db = options.SumDb;
        if (NoteVerifier.Parse(db.Key, out var error) is not { } verifier)
            return ValidateOptionsResult.Fail($"GitLab:GoProxy:SumDb:Key: {error} ('{db.Key}').");
        if (verifier.Name != db.Name)
            return ValidateOptionsResult.Fail($"GitLab:GoProxy:SumDb:Key is the key of '{verifier.Name}', not of SumDb:Name '{db.Name}'.");
        if (!IsHttpUrl(db.Url)) return ValidateOptionsResult.Fail($"GitLab:GoProxy:SumDb:Url: '{db.Url}' is not an absolute http(s) URL.");
        return ValidateOptionsResult.Success;
    }

    private static bool IsHttpUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(u.Query);
}
