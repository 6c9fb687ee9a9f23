namespace GitLabLite.Golang;

/// <summary>Outcome of <see cref="ModuleZipWriter.Create"/>.</summary>
/// <param name="Error">Null on success; else Go's reason, prefixed <c>create zip: </c> like modzip.Create.</param>
/// <param name="Files">The file classification (null when the module path/version was refused first).</param>
public sealed record ModuleZipResult(string? Error, ModuleFileCheck? Files)
{
    /// <summary>True when the zip was written completely.</summary>
    public bool Success => Error is null;

    /// <summary>
    /// The zip's h1: hash (dirhash.HashZip of what was written), from each file's SHA-256 taken while it was
    /// compressed; null when the zip was not written, or when a name holds a newline (which h1 cannot hash).
    /// </summary>
    public string? H1 { get; init; }
}
