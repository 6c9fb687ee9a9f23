using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitLabLite.Golang;
using GitLabLite.Golang.SumDb;
using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Public modules through this server (issue 16): a module path that is not under the instance's host is answered
/// from what was pulled before, else from the upstreams in order (404/410 moves to the next, any other failure
/// stops, as go treats a comma-separated GOPROXY). Canonical .info/.mod/.zip are kept for good in the module zip
/// store beside built zips (so they share its eviction, verification and object-store seam: a node on object
/// storage serves what another node pulled from the bucket), each under a key of its own derived from the module
/// version, so a warm answer asks no database; go_pulled_modules lists them. list, @latest and version queries are
/// kept for ListTtlSeconds and served stale when the upstreams fail or the instance is offline; "not found" is
/// remembered for as long. Every .mod and .zip is checked against the checksum database before it is stored or
/// served: a mismatch answers 403 with SECURITY ERROR and both hashes, and nothing is kept. Concurrent requests
/// for the same file share one upstream fetch.
/// </summary>
public sealed class PullThroughService(
    IOptions<GoProxyOptions> options,
    ChecksumDatabase sumdb,
    GoUpstreamClient upstream,
    PulledModuleRepository pulled,
    ModuleZipCache zips,
    IModuleZipStore store,
    PulledDownloads downloads,
    TimeProvider clock,
    ILogger<PullThroughService> logger)
{
    /// <summary>go's limits on .zip (MaxZipFile) and .mod (MaxGoMod); list, @latest and .info are far smaller.</summary>
    public const long MaxZipBytes = 500L << 20;
    public const int MaxSmallBytes = 16 << 20;

    private const string TextPlain = "text/plain; charset=utf-8";
    private const string Json = "application/json";

    private readonly GoProxyOptions _options = options.Value;
    private readonly IReadOnlyList<string> _upstreams = options.Value.EffectiveUpstreams;
    private readonly ConcurrentDictionary<string, Lazy<Task<PullThroughResult>>> _flights = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Reason)> _notFound = new();

    private TimeSpan Ttl => TimeSpan.FromSeconds(_options.ListTtlSeconds);

    public bool AllowsAnonymous => _options.AnonymousPullThrough;

    /// <summary>Paths under the instance's own host are never pulled (no leak, no dependency confusion).</summary>
    public bool IsPrivate(string modulePath) => sumdb.IsPrivate(modulePath);

    /// <summary>
    /// Answers one GOPROXY request for a public module with the rules and upstreams of <paramref name="scope"/>
    /// (the instance endpoint's or a group's).
    /// </summary>
    public async Task<PullThroughResult> ServeAsync(string modulePath, PulledFile file, string? version, PullThroughScope scope, CancellationToken ct)
    {
        if (IsPrivate(modulePath))
            return PullThroughResult.Error(404, $"not found: {modulePath} is under this instance's host and is never fetched from an upstream");
        if (IsOff(scope)) return PullThroughResult.Error(404, $"not found: {modulePath} is not on this instance (pull-through of public modules is off)");
        var from = UpstreamsOf(scope);
        var (rules, group) = (scope.Rules, scope.Group);
        if (Refusal(rules, modulePath, file is PulledFile.List or PulledFile.Latest ? null : version, group) is { } refused) return refused;
        return file switch
        {
            PulledFile.List => await ListAsync(modulePath, from, rules, group, ct),
            PulledFile.Latest => await LatestAsync(modulePath, from, rules, group, ct),
            PulledFile.Info when !ModuleVersionRules.IsCanonical(version!) => await ChangeableAsync(modulePath, "info:" + version, $"@v/{Escape(version!)}.info", Json, from, ct),
            _ when !ModuleVersionRules.IsCanonical(version!) => PullThroughResult.Error(404, $"not found: {modulePath}@{version}: not a canonical version"),
            _ => await CanonicalAsync(modulePath, version!, file, from, ct),
        };
    }

    /// <summary>No upstream for the scope (its own, else the instance's) and not offline: nothing public is served.</summary>
    public bool IsOff(PullThroughScope scope) => !_options.Offline && UpstreamsOf(scope).Urls.Count == 0;

    private Upstreams UpstreamsOf(PullThroughScope scope) =>
        new(scope.Upstreams is { } own ? [.. own.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.TrimEnd('/'))] : _upstreams, scope.Upstreams is not null);

    /// <summary>Deny rules win; where a level (instance, a group) has allow rules, one of them must match.</summary>
    internal static PullThroughResult? Refusal(IReadOnlyList<GoProxyRule> rules, string modulePath, string? version, string? group)
    {
        var target = version is null ? modulePath : $"{modulePath}@{version}";
        foreach (var rule in rules)
            if (rule.Action == GoProxyRule.Deny && rule.MatchesModule(modulePath) && rule.MatchesVersion(version))
                return PullThroughResult.Denied(rule, target, rule.NamespaceId is null ? null : group);
        foreach (var level in rules.Where(r => r.Action == GoProxyRule.Allow).GroupBy(r => r.NamespaceId))
            if (!level.Any(r => r.MatchesModule(modulePath) && (version is null || r.MatchesVersion(version))))
                return PullThroughResult.Error(403, $"forbidden: {target} is not allowed: no allow rule of {(level.Key is null ? "the instance" : $"group {group}")} matches it ({string.Join(", ", level.Select(r => $"{r.ModulePattern}@{r.VersionPattern}"))})");
        return null;
    }

    private async Task<PullThroughResult> ListAsync(string modulePath, Upstreams from, IReadOnlyList<GoProxyRule> rules, string? group, CancellationToken ct)
    {
        var result = await ChangeableAsync(modulePath, "list", "@v/list", TextPlain, from, ct);
        if (result.Body is null || rules.Count == 0) return result;
        // Versions a rule refuses are left out, so that go never picks one.
        var kept = Encoding.UTF8.GetString(result.Body).Split('\n')
            .Where(l => l.Trim().Length > 0 && Refusal(rules, modulePath, l.Split(' ')[0].Trim(), group) is null);
        return result with { Body = Encoding.UTF8.GetBytes(string.Concat(kept.Select(l => l + "\n"))) };
    }

    private async Task<PullThroughResult> LatestAsync(string modulePath, Upstreams from, IReadOnlyList<GoProxyRule> rules, string? group, CancellationToken ct)
    {
        var result = await ChangeableAsync(modulePath, "latest", "@latest", Json, from, ct);
        if (result.Body is null || rules.Count == 0) return result;
        var version = VersionOf(result.Body);
        return version is not null && Refusal(rules, modulePath, version, group) is { } refused ? refused : result;
    }

    /// <summary>
    /// Answers that may change upstream (list, @latest, a query): fresh from the table, else from the upstreams,
    /// else stale from the table when the upstreams fail (or the instance is offline).
    /// </summary>
    private async Task<PullThroughResult> ChangeableAsync(string modulePath, string query, string suffix, string contentType, Upstreams from, CancellationToken ct)
    {
        // A group with upstreams of its own keeps its own answers: another upstream may list other versions.
        if (from.Overridden) query += "\n" + string.Join(",", from.Urls);
        var stored = await pulled.FindAnswerAsync(modulePath, query, ct);
        var now = clock.GetUtcNow();
        if (stored is not null && (_options.Offline || now - new DateTimeOffset(stored.FetchedAt, TimeSpan.Zero) < Ttl))
            return PullThroughResult.Bytes(stored.Body, contentType);
        if (_options.Offline) return NotCachedOffline(modulePath);
        var negativeKey = modulePath + "\n" + query;
        if (_notFound.TryGetValue(negativeKey, out var miss) && miss.Until > now) return PullThroughResult.Error(404, miss.Reason);
        return await SharedAsync("answer\n" + negativeKey, async () =>
        {
            var fetched = await FetchSmallAsync(modulePath, suffix, from);
            switch (fetched.Outcome)
            {
                case FetchOutcome.Found:
                    await pulled.SaveAnswerAsync(modulePath, query, fetched.Body!, fetched.Upstream!, CancellationToken.None);
                    _notFound.TryRemove(negativeKey, out _);
                    return PullThroughResult.Bytes(fetched.Body!, contentType);
                case FetchOutcome.NotFound:
                    _notFound[negativeKey] = (clock.GetUtcNow() + Ttl, fetched.Reason!);
                    return PullThroughResult.Error(404, fetched.Reason!);
                default:
                    if (stored is null) return PullThroughResult.Error(502, fetched.Reason!);
                    logger.LogWarning("Serving a stale {Query} of {Module} fetched at {FetchedAt}: {Reason}", query, modulePath, stored.FetchedAt, fetched.Reason);
                    return PullThroughResult.Bytes(stored.Body, contentType);
            }
        }, ct);
    }

    /// <summary>
    /// A canonical version's .info, .mod or .zip: from this node's store, else from the shared store (another node
    /// pulled it), else pulled from the upstreams (not when offline), verified and stored.
    /// </summary>
    private async Task<PullThroughResult> CanonicalAsync(string modulePath, string version, PulledFile file, Upstreams from, CancellationToken ct)
    {
        var key = StoreKey(modulePath, version, file);
        if (zips.FindOrNull(key) is { } stored) return Served(stored, modulePath, version, file);
        return await SharedAsync($"{file}\n{key}", async () =>
        {
            PullThroughResult? failure = null;
            var created = await zips.GetOrCreateAsync(key, async token =>
            {
                (var pulledEntry, failure) = _options.Offline
                    ? (null, NotCachedOffline($"{modulePath}@{version}"))
                    : await PullAsync(modulePath, version, file, key, from, token);
                return pulledEntry is null
                    ? ServiceResponse<ModuleZipEntry>.Error(failure!.Text!, ServiceErrorReason.Unprocessable)
                    : ServiceResponse<ModuleZipEntry>.Ok(pulledEntry);
            }, CancellationToken.None);
            return created.Payload is { } entry ? Served(entry, modulePath, version, file) : failure ?? PullThroughResult.Error(502, created.Message!);
        }, ct);
    }

    private PullThroughResult Served(ModuleZipEntry entry, string modulePath, string version, PulledFile file)
    {
        if (file == PulledFile.Zip) downloads.Add(modulePath, version);
        return PullThroughResult.File(entry, file switch { PulledFile.Info => Json, PulledFile.Mod => TextPlain, _ => "application/zip" });
    }

    /// <summary>Fetches one canonical file from the upstreams, checks it, stores it and lists the version; or the refusal.</summary>
    private async Task<(ModuleZipEntry? Entry, PullThroughResult? Failure)> PullAsync(string modulePath, string version, PulledFile file, string key, Upstreams from, CancellationToken ct)
    {
        if (file == PulledFile.Zip) return await PullZipAsync(modulePath, version, key, from, ct);
        var fetched = await FetchSmallAsync(modulePath, $"@v/{Escape(version)}.{(file == PulledFile.Info ? "info" : "mod")}", from);
        if (fetched.Outcome != FetchOutcome.Found) return (null, FetchFailure(fetched));
        var body = fetched.Body!;
        if (file == PulledFile.Info)
        {
            if (VersionOf(body) != version) return (null, PullThroughResult.Error(502, $"{fetched.Upstream} answered the .info of {modulePath}@{version} with another version"));
            var info = await StoreBytesAsync(key, body, "", ct);
            await pulled.SaveInfoAsync(modulePath, version, fetched.Upstream!, CancellationToken.None);
            return (info, null);
        }
        // Looked up only once the upstream has it: a path that exists nowhere is not sent to the database.
        var h1 = DirHash.HashGoMod(body);
        var (treeSize, refusal) = await VerifyAsync(modulePath, version, "/go.mod", h1, r => r.ModH1, LookUp(modulePath, version));
        if (refusal is not null) return (null, refusal);
        var mod = await StoreBytesAsync(key, body, h1, ct);
        await pulled.SaveModAsync(modulePath, version, fetched.Upstream!, h1, treeSize, CancellationToken.None);
        return (mod, null);
    }

    private async Task<(ModuleZipEntry? Entry, PullThroughResult? Failure)> PullZipAsync(string modulePath, string version, string key, Upstreams upstreams, CancellationToken ct)
    {
        var temp = store.NewTempPath(key);
        var recorded = LookUp(modulePath, version);
        try
        {
            var download = await DownloadZipAsync(modulePath, version, temp, upstreams, ct);
            if (download.Failure is { } failed) return (null, failed);
            var (treeSize, refusal) = await VerifyAsync(modulePath, version, "", download.H1!, r => r.ZipH1, recorded);
            if (refusal is not null) return (null, refusal);
            var entry = await store.CommitAsync(key, temp, new FileInfo(temp).Length, download.H1!, download.Sha256!, ct);
            await pulled.SaveZipAsync(modulePath, version, download.Upstream!, entry.Size, entry.H1, treeSize, CancellationToken.None);
            return (entry, null);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>A small verified file (.info, .mod) committed to the store as an entry of its own.</summary>
    private async Task<ModuleZipEntry> StoreBytesAsync(string key, byte[] body, string h1, CancellationToken ct)
    {
        var temp = store.NewTempPath(key);
        try
        {
            await File.WriteAllBytesAsync(temp, body, ct);
            return await store.CommitAsync(key, temp, body.Length, h1, Convert.ToHexStringLower(SHA256.HashData(body)), ct);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Where a canonical file of a pulled version lives in the store: the version's identity and the file's kind (its
    /// bytes are fixed once stored: by the checksum database for .mod and .zip, by the first answer for .info).
    /// </summary>
    public static string StoreKey(string modulePath, string version, PulledFile file) => file switch
    {
        // The zip's identity as before .info and .mod moved into the store, so that zips stored then are still found.
        PulledFile.Zip => Address($"pulled\n{modulePath}@{version}"),
        PulledFile.Mod => Address($"pulled .mod\n{modulePath}@{version}"),
        PulledFile.Info => Address($"pulled .info\n{modulePath}@{version}"),
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "lists and queries change: they are not stored"),
    };

    private static string Address(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));

    /// <summary>
    /// Streams the upstream zip into <paramref name="temp"/>, hashing the file as it arrives, then its h1 (its entries
    /// hashed on every core while the file is flushed to disk).
    /// </summary>
    private async Task<ZipDownload> DownloadZipAsync(string modulePath, string version, string temp, Upstreams upstreams, CancellationToken ct)
    {
        var (response, from, failure) = await OpenAsync(modulePath, $"@v/{Escape(version)}.zip", upstreams);
        if (response is null) return new ZipDownload(null, null, null, failure);
        using (response)
        {
            var tooLarge = PullThroughResult.Error(502, $"{from}: {modulePath}@{version}.zip is larger than go's 500 MiB limit");
            if (response.Content.Headers.ContentLength > MaxZipBytes) return new ZipDownload(null, null, null, tooLarge);
            var sha256 = "";
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                await using var output = new DigestingStream(file, hex => sha256 = hex, leaveInnerOpen: true);
                var buffer = new byte[1 << 18];
                long total = 0;
                int n;
                while ((n = await body.ReadAsync(buffer, ct)) > 0)
                {
                    if ((total += n) > MaxZipBytes) return new ZipDownload(null, null, null, tooLarge);
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            var durable = Task.Run(() =>
            {
                using var file = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                file.Flush(flushToDisk: true);
            }, CancellationToken.None);
            try
            {
                var h1 = DirHash.HashZipFile(temp, Environment.ProcessorCount) ?? throw new InvalidDataException("an entry name contains a newline");
                return new ZipDownload(h1, sha256, from, null);
            }
            catch (InvalidDataException e)
            {
                return new ZipDownload(null, null, null, PullThroughResult.Error(502, $"{from}: {modulePath}@{version}.zip is not a valid zip: {e.Message}"));
            }
            finally
            {
                await durable;
            }
        }
    }

    /// <summary>
    /// The database's record of a version, asked for while a zip downloads (it does not depend on the bytes; go
    /// fetches the .mod first, so the upstream has the version and the record is usually cached already);
    /// null when the module is exempt (<see cref="ChecksumDatabase.Verifies"/>). Its failure is seen by
    /// <see cref="VerifyAsync"/>, or not at all when the download fails first.
    /// </summary>
    private Task<RecordedHashes>? LookUp(string modulePath, string version)
    {
        if (!sumdb.Verifies(modulePath)) return null;
        var lookup = sumdb.HashesAsync(modulePath, version, CancellationToken.None);
        lookup.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        return lookup;
    }

    /// <summary>
    /// Checks a downloaded hash against the record of <see cref="LookUp"/> (no record: the module is exempt); the
    /// tree size it was proven in, or the refusal to answer with.
    /// </summary>
    private async Task<(long? TreeSize, PullThroughResult? Refusal)> VerifyAsync(
        string modulePath, string version, string suffix, string downloaded, Func<RecordedHashes, string?> pick, Task<RecordedHashes>? lookup)
    {
        if (lookup is null) return (null, null);
        RecordedHashes recorded;
        try
        {
            recorded = await lookup;
        }
        catch (SumDbException e) when (e.Security)
        {
            logger.LogError("Checksum database {Name} misbehaved while verifying {Module}@{Version}: {Error}", sumdb.Name, modulePath, version, e.Message);
            return (null, PullThroughResult.Error(403, $"SECURITY ERROR\nverifying {modulePath}@{version}{suffix}: checksum database {sumdb.Name} is misbehaving (its trees are inconsistent): nothing is served\n"));
        }
        catch (SumDbException e) when (e.NotFound)
        {
            return (null, PullThroughResult.Error(403, $"verifying {modulePath}@{version}{suffix}: checksum database {sumdb.Name} has no record of it, so it cannot be verified (a private module belongs in GitLab:GoProxy:NoSumDb): {e.Message}"));
        }
        catch (SumDbException e)
        {
            return (null, PullThroughResult.Error(502, $"verifying {modulePath}@{version}{suffix}: checksum database {sumdb.Name}: {e.Message}"));
        }
        var expected = pick(recorded);
        if (expected == downloaded) return (recorded.TreeSize, null);
        logger.LogError("SECURITY ERROR: {Module}@{Version}{Suffix} downloaded {Downloaded}, checksum database {Name} records {Expected}; not stored, not served",
            modulePath, version, suffix, downloaded, sumdb.Name, expected ?? "no h1 line");
        // No blank line in the answer: go shows a server's text only up to the first one.
        return (null, PullThroughResult.Error(403,
            $"""
            verifying {modulePath}@{version}{suffix}: checksum mismatch
            	downloaded: {downloaded}
            	{sumdb.Name}: {expected ?? "(no h1 line)"}
            SECURITY ERROR
            This download does NOT match the one reported by the checksum server.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt. Nothing was stored or served.

            """));
    }

    /// <summary>A small upstream file (list, @latest, .info, .mod) from the first upstream that has it.</summary>
    private async Task<Fetched> FetchSmallAsync(string modulePath, string suffix, Upstreams upstreams)
    {
        var (response, from, failure) = await OpenAsync(modulePath, suffix, upstreams);
        if (response is null) return new Fetched(failure!.Status == 404 ? FetchOutcome.NotFound : FetchOutcome.Failed, null, null, failure.Text);
        using (response)
        {
            try
            {
                if (response.Content.Headers.ContentLength > MaxSmallBytes) return new Fetched(FetchOutcome.Failed, null, from, $"{from}: {modulePath}/{suffix} is too large");
                var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                return body.Length > MaxSmallBytes
                    ? new Fetched(FetchOutcome.Failed, null, from, $"{from}: {modulePath}/{suffix} is too large")
                    : new Fetched(FetchOutcome.Found, body, from, null);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return new Fetched(FetchOutcome.Failed, null, from, $"{from}: reading {modulePath}/{suffix}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The first upstream answer that is not 404/410, or the failure to answer with: 404 with the last upstream's
    /// reason when every one said "not found", 502 when one failed otherwise.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, string? Upstream, PullThroughResult? Failure)> OpenAsync(string modulePath, string suffix, Upstreams upstreams)
    {
        var path = $"{CaseEncoding.EscapePath(modulePath)}/{suffix}";
        var reason = $"not found: {modulePath}: no upstream has it";
        foreach (var baseUrl in upstreams.Urls)
        {
            HttpResponseMessage response;
            try
            {
                response = await upstream.GetAsync($"{baseUrl}/{path}", CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
            {
                logger.LogWarning("Upstream {Upstream} failed for {Path}: {Error}", baseUrl, path, e.Message);
                return (null, baseUrl, PullThroughResult.Error(502, $"upstream {baseUrl} is unavailable: {e.Message}"));
            }
            if (response.IsSuccessStatusCode) return (response, baseUrl, null);
            using (response)
            {
                var text = await GoUpstreamClient.ReasonAsync(response, CancellationToken.None);
                if (!GoUpstreamClient.IsNotFound(response.StatusCode))
                    return (null, baseUrl, PullThroughResult.Error(502, $"upstream {baseUrl} answered {(int)response.StatusCode} for {path}: {text}"));
                reason = text.StartsWith("not found", StringComparison.Ordinal) ? text : $"not found: {text}";
            }
        }
        return (null, null, PullThroughResult.Error((int)HttpStatusCode.NotFound, reason));
    }

    /// <summary>One upstream round per key at a time: concurrent callers share its result.</summary>
    private async Task<PullThroughResult> SharedAsync(string key, Func<Task<PullThroughResult>> fetch, CancellationToken ct)
    {
        // Not cancelled with the first caller: the others (and the cache) still want the answer.
        var flight = _flights.GetOrAdd(key, _ => new Lazy<Task<PullThroughResult>>(() => Task.Run(fetch)));
        try
        {
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            if (flight.Value.IsCompleted) _flights.TryRemove(new KeyValuePair<string, Lazy<Task<PullThroughResult>>>(key, flight));
        }
    }

    private static PullThroughResult FetchFailure(Fetched fetched) =>
        PullThroughResult.Error(fetched.Outcome == FetchOutcome.NotFound ? 404 : 502, fetched.Reason!);

    private static PullThroughResult NotCachedOffline(string what) =>
        PullThroughResult.Error(404, $"not found: {what} is not cached and this instance is offline (GitLab:GoProxy:Offline)");

    private static string Escape(string version) => CaseEncoding.EscapeVersion(version) ?? version;

    private static string? VersionOf(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private enum FetchOutcome
    {
        Found,
        NotFound,
        Failed,
    }

    private sealed record Fetched(FetchOutcome Outcome, byte[]? Body, string? Upstream, string? Reason);

    /// <summary>The upstreams of a request, and whether they are a group's own (whose answers are kept apart).</summary>
    private sealed record Upstreams(IReadOnlyList<string> Urls, bool Overridden);

    private sealed record ZipDownload(string? H1, string? Sha256, string? Upstream, PullThroughResult? Failure);
}
