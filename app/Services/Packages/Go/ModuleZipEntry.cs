namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// A stored module zip: where this node has it (null when it lives only in the object store and downloads are
/// redirected there), and what it must be (size, SHA-256 of the file, the go.sum h1 of its content).
/// </summary>
public sealed record ModuleZipEntry(string Key, string? Path, long Size, string H1, string Sha256)
{
    public ModuleZipFacts Facts => new(Size, H1, Sha256);
}
