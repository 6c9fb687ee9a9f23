namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// A canonical version of a public module fetched from an upstream proxy (go_pulled_modules: the listing; its .info,
/// .mod and .zip are in the module zip store). <see cref="VerifiedTreeSize"/> is the checksum-database tree its
/// hashes were proven in; null when NoSumDb exempted it.
/// </summary>
public sealed record PulledModule(
    long Id,
    string ModulePath,
    string Version,
    string Upstream,
    string? ModH1,
    long? ZipSize,
    string? ZipH1,
    long? VerifiedTreeSize,
    long Downloads,
    DateTime FirstFetchedAt);
