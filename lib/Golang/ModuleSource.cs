namespace GitLabLite.Golang;

/// <summary>Where a module version's files come from: a commit and the module's directory in it ("" for the root).</summary>
public sealed record ModuleSource(string ModulePath, string Version, string Commit, string Subdir);
