namespace GitLabLite.Services.Packages.Go;

/// <summary>A stored module zip: where it is, and what it must be (size, SHA-256 of the file, the go.sum h1 of its content).</summary>
public sealed record ModuleZipEntry(string Key, string Path, long Size, string H1, string Sha256);
