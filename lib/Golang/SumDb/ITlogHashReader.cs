namespace GitLabLite.Golang.SumDb;

/// <summary>tlog.HashReader: the stored hashes at the given indexes (in the same order), or an exception.</summary>
public interface ITlogHashReader
{
    Task<TlogHash[]> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken ct);
}
