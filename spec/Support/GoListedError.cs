namespace GitLabLite.Spec.Support;

/// <summary>The Error object of `go list -m -json -e` (modinfo.ModuleError).</summary>
public sealed record GoListedError(string Err);
