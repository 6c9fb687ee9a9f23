using GitLabLite.Golang.SumDb;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The checksum-database client's world: lookups and tiles over HTTP from GitLab:GoProxy:SumDb:Url, verified
/// answers and the latest verified tree in Postgres (shared by every process), misbehaviour to the log. What is kept
/// is filed under <paramref name="keyId"/> (the verifier key's "name+hash"): trees signed with another key can never
/// verify, so a database configured with a new key starts afresh instead of refusing every lookup.
/// </summary>
public sealed class SumDbOps(string keyId, string url, GoUpstreamClient upstream, GoSumDbRepository repository, ILogger logger) : ISumDbOps
{
    public async Task<byte[]> ReadRemoteAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await upstream.GetAsync(url.TrimEnd('/') + path, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw new SumDbException($"reading {url}{path}: {e.Message}");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return await response.Content.ReadAsByteArrayAsync(ct);
            var reason = await GoUpstreamClient.ReasonAsync(response, ct);
            throw new SumDbException($"reading {url}{path}: {(int)response.StatusCode} {response.ReasonPhrase}: {reason}",
                notFound: GoUpstreamClient.IsNotFound(response.StatusCode));
        }
    }

    public Task<byte[]?> ReadLatestAsync(CancellationToken ct) => repository.FindLatestAsync(keyId, ct);

    public Task<bool> ReplaceLatestAsync(byte[]? old, byte[] latest, CancellationToken ct)
    {
        // The note was verified before it got here; its size is recorded for the admin page.
        var text = System.Text.Encoding.UTF8.GetString(latest);
        var size = SumDbTree.ParseOrNull(text)?.N ?? 0;
        return repository.ReplaceLatestAsync(keyId, old, latest, size, ct);
    }

    public Task<byte[]?> ReadCacheAsync(string file, CancellationToken ct) => repository.FindCachedAsync($"{keyId}/{file}", ct);

    public Task WriteCacheAsync(string file, byte[] data, CancellationToken ct) => repository.SaveCachedAsync($"{keyId}/{file}", data, ct);

    public void SecurityError(string message) => logger.LogError("{Message}", message);
}
