using System.Text.RegularExpressions;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Golang;
using GitLabLite.Golang.SumDb;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;
using static GitLabLite.Controllers.Concerns.PlainText;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// The checksum-database proxy of the GOPROXY protocol (go.dev/ref/mod#checksum-database, "proxying a checksum
/// database"): `go` asks {endpoint}/sumdb/{name}/supported first and, on 200, sends every lookup and tile request
/// here instead of to the database. Lookups go through this server's verifying client (so what is relayed and cached
/// was proven), and so are tiles (only those proven against a verified tree are served); lookups of private paths
/// (the instance's host, NoSumDb) are refused and never forwarded.
/// </summary>
[ApiController]
public sealed partial class SumDbProxyController(ChecksumDatabase sumdb, PullThroughAccess access, GroupFinder groups, RequestAuthenticator authenticator) : ControllerBase
{
    private const string Instance = "api/v4/packages/go/sumdb/{name}";
    private const string Group = "api/v4/groups/{id}/-/packages/go/sumdb/{name}";

    // x/mod/sumdb/server.go modVerRE.
    [GeneratedRegex(@"^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModVer();

    [HttpGet(Instance + "/supported")]
    [HttpGet(Group + "/supported")]
    public async Task<IActionResult> Supported(string name, string? id) =>
        await RefusalAsync(name, id) ?? new ContentResult { StatusCode = 200, Content = "", ContentType = "text/plain; charset=utf-8" };

    [HttpGet(Instance + "/latest")]
    [HttpGet(Group + "/latest")]
    public async Task<IActionResult> Latest(string name, string? id)
    {
        if (await RefusalAsync(name, id) is { } refused) return refused;
        try
        {
            return await sumdb.Client.LatestNoteAsync(HttpContext.RequestAborted) is { } note
                ? File(note, "text/plain; charset=UTF-8")
                : Text(502, $"checksum database {sumdb.Name} is unavailable and no tree has been verified yet");
        }
        catch (SumDbException e)
        {
            return Failure(e);
        }
    }

    [HttpGet(Instance + "/lookup/{**mod}")]
    [HttpGet(Group + "/lookup/{**mod}")]
    public async Task<IActionResult> Lookup(string name, string? id, string mod)
    {
        if (await RefusalAsync(name, id) is { } refused) return refused;
        if (!ModVer().IsMatch(mod)) return Text(400, "invalid module@version syntax");
        var at = mod.IndexOf('@');
        if (CaseEncoding.UnescapePath(mod[..at]) is not { } path || CaseEncoding.UnescapeVersion(mod[(at + 1)..]) is not { } version)
            return Text(404, $"not found: malformed module path or version in {mod}");
        // Never forwarded: the path alone would tell the public database about a private module.
        if (sumdb.IsPrivate(path)) return Text(403, $"private module: add {sumdb.PrivateHost} to GONOSUMDB or GOPRIVATE");
        if (!sumdb.Verifies(path)) return Text(403, $"private module: {path} matches GitLab:GoProxy:NoSumDb; add it to GONOSUMDB or GOPRIVATE");
        try
        {
            return File(await sumdb.Client.LookupBodyAsync(path, version, HttpContext.RequestAborted), "text/plain; charset=UTF-8");
        }
        catch (SumDbException e)
        {
            return Failure(e);
        }
    }

    [HttpGet(Instance + "/tile/{**tile}")]
    [HttpGet(Group + "/tile/{**tile}")]
    public async Task<IActionResult> Tile(string name, string? id, string tile)
    {
        if (await RefusalAsync(name, id) is { } refused) return refused;
        if (Golang.SumDb.Tile.ParseOrNull("tile/" + tile) is not { } parsed) return Text(400, "invalid tile syntax");
        // go reads hash tiles only; data tiles would be relayed unverified, so they are not proxied.
        if (parsed.L < 0) return Text(404, "not found: data tiles are not proxied");
        try
        {
            // Only tiles proven against a verified tree are served; a client that knows a newer tree makes this server
            // fetch (and check) that tree first. Nothing unverified is relayed.
            var ct = HttpContext.RequestAborted;
            var data = await sumdb.Client.ReadVerifiedTileAsync(parsed, ct);
            if (data is null && await sumdb.RefreshLatestAsync(ct)) data = await sumdb.Client.ReadVerifiedTileAsync(parsed, ct);
            if (data is not null) return File(data, "application/octet-stream");
        }
        catch (SumDbException e)
        {
            return Failure(e);
        }
        return Text(404, $"not found: {parsed.Path} is outside the tree of {sumdb.Name} that this server has verified");
    }

    /// <summary>A database this server does not proxy, a group the caller cannot see, or a caller who may not pull.</summary>
    private async Task<IActionResult?> RefusalAsync(string name, string? groupId)
    {
        if (name != sumdb.Name) return Text(404, $"not found: this server proxies the checksum database {sumdb.Name} only");
        if (await access.RefusalAsync(HttpContext) is { } refused)
        {
            if (refused.Status == 401) Response.Headers.WWWAuthenticate = "Basic realm=\"GitLab\"";
            return Text(refused.Status, refused.Text!);
        }
        if (groupId is not null && await groups.FindOrNullAsync(groupId, await authenticator.AuthenticateAsync(HttpContext), HttpContext.RequestAborted) is null)
            return Text(404, "not found: no such group");
        return null;
    }

    private ContentResult Failure(SumDbException e) => e switch
    {
        { NotFound: true } => Text(404, $"not found: {e.Message}"),
        { Security: true } => Text(502, $"SECURITY ERROR: checksum database {sumdb.Name} is misbehaving: {e.Message}"),
        _ => Text(502, $"checksum database {sumdb.Name}: {e.Message}"),
    };
}
