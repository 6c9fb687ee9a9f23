namespace GitLabLite.Spec.Support;

/// <summary>One object of `go mod download -json` (cmd/go moduleJSON), the fields the specs compare.</summary>
public sealed record GoModuleResult(string Path, string Version, string? Sum, string? GoModSum, string? Error)
{
    public override string ToString() => Error is null ? $"{Path}@{Version} {Sum} {GoModSum}" : $"{Path}@{Version} error: {Error}";
}
