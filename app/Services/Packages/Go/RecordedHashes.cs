namespace GitLabLite.Services.Packages.Go;

/// <summary>The go.sum hashes a checksum database records for one version, and the tree size they were proven in.</summary>
public sealed record RecordedHashes(string? ZipH1, string? ModH1, long TreeSize);
