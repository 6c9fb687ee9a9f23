using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitLabLite.Services.Outbound;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Checks an import_url before anything is created (GitLab's Import::ValidateRemoteGitEndpointService behind the
/// URL blocker): the scheme, the host against <see cref="UrlBlocker"/>, and for http(s) one GET of
/// info/refs?service=git-upload-pack whose every connection, redirect hops included, is checked before it is opened.
/// A blocked address is a 400 before a single byte goes out; a source that does not answer as a git repository is a
/// 422. git:// has no redirects and no TLS: its host is replaced by the checked address, so git connects there and
/// nowhere else (the daemon's virtual-host field then names the address). file:// is for administrators only: it
/// reads the server's own disk.
/// </summary>
public sealed class ValidateRemoteGitEndpointService(UrlBlocker blocker, Microsoft.Extensions.Options.IOptions<Initializers.ImportOptions> options)
{
    public const int MaxRedirects = 10;
    private const string InfoRefs = "/info/refs?service=git-upload-pack";
    private const string AdvertisementType = "application/x-git-upload-pack-advertisement";

    public async Task<ServiceResponse<ImportSource>> ExecuteAsync(string importUrl, bool admin, CancellationToken ct)
    {
        string[] schemes = admin ? ["http", "https", "git", "file"] : ["http", "https", "git"];
        if (importUrl.StartsWith('-') || !Uri.TryCreate(importUrl, UriKind.Absolute, out var url) || importUrl.StartsWith('/'))
            return Invalid($"is invalid: use an absolute {string.Join(", ", schemes)} URL");
        if (!schemes.Contains(url.Scheme))
            return Invalid($"is blocked: Only allowed schemes are {string.Join(", ", schemes)}");
        if (url.Query.Length > 0 || url.Fragment.Length > 0) return Invalid("is invalid: a git URL has no query or fragment");
        if (url.IsFile)
            return Directory.Exists(url.LocalPath)
                ? ServiceResponse<ImportSource>.Ok(new ImportSource(url.AbsoluteUri, "file", null))
                : Unreachable("the path is not a git repository on this server");
        var pins = new OutboundPins(blocker);
        var (target, blocked) = await pins.CheckAsync(url.IdnHost, ct);
        if (target is null) return Invalid($"is blocked: {blocked}");
        if (url.Scheme == "git") return ServiceResponse<ImportSource>.Ok(new ImportSource(WithHost(url, Literal(target.Address)), "git", null));
        return await ProbeAsync(url, pins, ct);
    }

    /// <summary>GET info/refs as git would, following redirects one checked hop at a time.</summary>
    private async Task<ServiceResponse<ImportSource>> ProbeAsync(Uri url, OutboundPins pins, CancellationToken ct)
    {
        using var handler = UrlBlocker.CreateHttpHandler(pins);
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds) };
        var current = new Uri(WithoutUserInfo(url).TrimEnd('/') + InfoRefs);
        try
        {
            for (var hop = 0; hop <= MaxRedirects; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.UserAgent.ParseAdd("git/2.39 (GitLabLite import check)");
                // Credentials go to the host they were written for, never to where it redirects.
                if (url.UserInfo.Length > 0 && SameOrigin(current, url)) request.Headers.Authorization = Basic(url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    current = new Uri(current, location);
                    if (current.Scheme is not ("http" or "https")) return Invalid("is blocked: it redirects to a scheme other than http or https");
                    continue;
                }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    return Unreachable("Unable to access repository with the URL and credentials provided");
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != AdvertisementType
                    || !await StartsWithServiceLineAsync(response, ct))
                    return Unreachable("it is not a valid HTTP Git repository");
                // git takes the redirect's target as the new base only when it keeps the info/refs tail.
                if (!current.PathAndQuery.EndsWith(InfoRefs, StringComparison.Ordinal))
                    return Unreachable("it redirects to something that is not a git repository");
                var final = new Uri(current.GetLeftPart(UriPartial.Path)[..^"/info/refs".Length]);
                var finalHost = UrlBlocker.Normalize(final.IdnHost);
                var address = (pins.Find(finalHost) ?? throw new InvalidOperationException("the probe answered without a checked connection")).Address;
                var gitUrl = SameOrigin(final, url) && url.UserInfo.Length > 0 ? WithUserInfo(final, url.UserInfo) : final.AbsoluteUri;
                return ServiceResponse<ImportSource>.Ok(HostLiteralOrNull(final) is null
                    ? new ImportSource(WithHost(new Uri(gitUrl), finalHost), final.Scheme, $"{finalHost}:{final.Port}:{Literal(address)}")
                    : new ImportSource(gitUrl, final.Scheme, null));
            }
            return Unreachable($"it redirects more than {MaxRedirects} times");
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundBlockedException blocked)
        {
            return Invalid($"is blocked: {(current.Host == url.Host ? "" : "it redirects to a blocked address: ")}{blocked.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return Unreachable("it could not be reached");
        }
    }

    private static async Task<bool> StartsWithServiceLineAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // The smart protocol's first pkt-line: 4 hex digits of length, then "# service=git-upload-pack".
        const string expected = "# service=git-upload-pack";
        var buffer = new byte[4 + expected.Length];
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var read = 0;
        while (read < buffer.Length && await body.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        return read == buffer.Length && text[..4].All(char.IsAsciiHexDigitLower) && text[4..] == expected;
    }

    private static System.Net.IPAddress? HostLiteralOrNull(Uri url) =>
        Net.HostLiteral.TryParse(url.IdnHost, out var address) ? address : null;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(UrlBlocker.Normalize(a.IdnHost), UrlBlocker.Normalize(b.IdnHost), StringComparison.Ordinal) && a.Port == b.Port;

    private static AuthenticationHeaderValue Basic(Uri url) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));

    private static string WithoutUserInfo(Uri url) => new UriBuilder(url) { UserName = "", Password = "" }.Uri.AbsoluteUri;

    private static string WithUserInfo(Uri url, string userInfo) => $"{url.Scheme}://{userInfo}@{url.Authority}{url.PathAndQuery}";

    /// <summary>The URL with its host replaced (userinfo, port and path kept as written).</summary>
    private static string WithHost(Uri url, string host)
    {
        var userInfo = url.UserInfo.Length > 0 ? url.UserInfo + "@" : "";
        var port = url.IsDefaultPort ? "" : $":{url.Port}";
        return $"{url.Scheme}://{userInfo}{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}{port}{url.AbsolutePath}";
    }

    private static string Literal(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? $"[{address}]" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static ServiceResponse<ImportSource> Invalid(string message) =>
        ServiceResponse<ImportSource>.Error($"Import url {message}", ServiceErrorReason.BadRequest);

    private static ServiceResponse<ImportSource> Unreachable(string message) =>
        ServiceResponse<ImportSource>.Error($"Import url could not be used: {message}", ServiceErrorReason.Unprocessable);
}
