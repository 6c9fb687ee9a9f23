namespace GitLabLite.Golang;

/// <summary>
/// The answer to an .info query: the canonical version, the commit's committer time (UTC, whole seconds), the
/// commit and, for tagged versions, the tag's ref (the proxy's optional Origin fields).
/// </summary>
public sealed record RevInfo(string Version, DateTime Time, string Hash, string? Ref);
