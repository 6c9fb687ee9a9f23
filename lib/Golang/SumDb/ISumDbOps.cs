namespace GitLabLite.Golang.SumDb;

/// <summary>
/// sumdb.ClientOps: what <see cref="SumDbClient"/> needs from the world. Files are named as the go command names
/// them in its cache: <c>&lt;name&gt;/lookup/&lt;path&gt;@&lt;version&gt;</c>, <c>&lt;name&gt;/tile/...</c>.
/// </summary>
public interface ISumDbOps
{
    /// <summary>GET of a path under the database URL (<c>/lookup/...</c>, <c>/tile/...</c>). Throws
    /// <see cref="SumDbException"/> (NotFound for 404/410) when there is no answer.</summary>
    Task<byte[]> ReadRemoteAsync(string path, CancellationToken ct);

    /// <summary>The latest signed tree note this server has verified (persisted), or null.</summary>
    Task<byte[]?> ReadLatestAsync(CancellationToken ct);

    /// <summary>Replaces the persisted latest note if it is still <paramref name="old"/>; false on a conflicting write.</summary>
    Task<bool> ReplaceLatestAsync(byte[]? old, byte[] latest, CancellationToken ct);

    Task<byte[]?> ReadCacheAsync(string file, CancellationToken ct);

    Task WriteCacheAsync(string file, byte[] data, CancellationToken ct);

    /// <summary>Proof that the database misbehaved (the message starts "SECURITY ERROR").</summary>
    void SecurityError(string message);
}
