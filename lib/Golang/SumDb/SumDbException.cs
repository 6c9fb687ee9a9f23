namespace GitLabLite.Golang.SumDb;

/// <summary>
/// A checksum-database answer that does not verify (or could not be read). <see cref="Security"/> marks proof that
/// the database misbehaved (two trees that cannot both be true), the sumdb client's "SECURITY ERROR".
/// </summary>
public sealed class SumDbException(string message, bool security = false, bool notFound = false) : Exception(message)
{
    public bool Security { get; } = security;

    /// <summary>The database answered 404 or 410: it has no such record.</summary>
    public bool NotFound { get; } = notFound;
}
