namespace GitLabLite.Services.Packages.Go;

/// <summary>What a zip creator reports about the file it wrote: its go.sum h1 and the SHA-256 of the file itself.</summary>
public sealed record ModuleZipContent(string H1, string Sha256);
