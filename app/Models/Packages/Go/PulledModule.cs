namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// A canonical version of a public module fetched from an upstream proxy (go_pulled_modules). <see cref="VerifiedTreeSize"/>
/// is the checksum-database tree its hashes were proven in; null when NoSumDb exempted it.
/// </summary>
public sealed record PulledModule(
    long Id,
    string ModulePath,
    string Version,
    string Upstream,
    byte[]? Info,
    byte[]? Mod,
    string? ModH1,
    string? ZipKey,
    long? ZipSize,
    string? ZipH1,
    long? VerifiedTreeSize,
    long Downloads,
    DateTime FirstFetchedAt);
