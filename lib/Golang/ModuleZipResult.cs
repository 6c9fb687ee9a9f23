namespace GitLabLite.Golang;

/// <summary>Outcome of <see cref="ModuleZipWriter.Create"/>.</summary>
/// <param name="Error">Null on success; else Go's reason, prefixed <c>create zip: </c> like modzip.Create.</param>
/// <param name="Files">The file classification (null when the module path/version was refused first).</param>
public sealed record ModuleZipResult(string? Error, ModuleFileCheck? Files)
{
    /// <summary>True when the zip was written completely.</summary>
    public bool Success => Error is null;
}
