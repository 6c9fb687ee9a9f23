namespace GitLabLite.Spec.Support;

/// <summary>One object of `go list -m -json` (cmd/go modinfo.ModulePublic), the fields the specs compare.</summary>
public sealed record GoListedModule(string Path, string? Version, IReadOnlyList<string>? Versions, GoListedError? Error)
{
    public override string ToString() =>
        $"{Path}@{Version} [{string.Join(' ', Versions ?? [])}]{(Error is null ? "" : $" error: {Error.Err}")}";
}
