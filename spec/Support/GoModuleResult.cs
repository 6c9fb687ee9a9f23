namespace GitLabLite.Spec.Support;

/// <summary>One object of `go mod download -json` (cmd/go moduleJSON), the fields the specs compare;
/// Dir is where go extracted the module (left out of <see cref="ToString"/>: it differs per module cache).</summary>
public sealed record GoModuleResult(string Path, string Version, string? Sum, string? GoModSum, string? Error, string? Dir)
{
    public override string ToString() => Error is null ? $"{Path}@{Version} {Sum} {GoModSum}" : $"{Path}@{Version} error: {Error}";
}
