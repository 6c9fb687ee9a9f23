using System.Net.Http.Headers;
using System.Text;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// The credentials a request presents, found once per request in GitLab's order (PRIVATE-TOKEN, Bearer, HTTP Basic
/// with the token as password, which is what git and go send from ~/.netrc, then ?private_token=) and kept on the
/// request, so the auth throttle and the authenticator read the same parse.
/// </summary>
public sealed class RequestCredentials
{
    public static readonly RequestCredentials None = new(null, null);

    private RequestCredentials(string? token, string? username)
    {
        Token = token;
        Username = username;
    }

    /// <summary>The presented token, "" for credentials that are malformed, null when none were presented.</summary>
    public string? Token { get; }

    /// <summary>HTTP Basic's user name (deploy tokens are looked up by it), null for the other forms.</summary>
    public string? Username { get; }

    public bool Presented => Token is not null;

    public static RequestCredentials Of(HttpContext http)
    {
        if (http.Features.Get<RequestCredentials>() is { } known) return known;
        var found = Find(http.Request);
        http.Features.Set(found);
        return found;
    }

    private static RequestCredentials Find(HttpRequest request)
    {
        if (request.Headers.TryGetValue("PRIVATE-TOKEN", out var header))
            return new RequestCredentials(header.ToString().Trim(), null);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0 && AuthenticationHeaderValue.TryParse(authorization, out var auth))
        {
            if (auth.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                return new RequestCredentials(auth.Parameter?.Trim() ?? "", null);
            if (auth.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                return Basic(auth.Parameter);
        }
        if (request.Query.TryGetValue("private_token", out var query))
            return new RequestCredentials(query.ToString().Trim(), null);
        return None;
    }

    private static RequestCredentials Basic(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? new RequestCredentials("", null) : new RequestCredentials(decoded[(colon + 1)..], decoded[..colon]);
        }
        catch (FormatException)
        {
            return new RequestCredentials("", null);
        }
    }
}
