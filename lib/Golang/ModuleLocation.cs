namespace GitLabLite.Golang;

/// <summary>
/// A module path split against its repository's import path (codeRoot): host/group/proj/sub/v2 below
/// host/group/proj is the directory "sub" (<see cref="CodeDir"/>) with the major-version suffix "/v2"
/// (<see cref="PathMajor"/>); <see cref="Prefix"/> is the path without that suffix.
/// </summary>
public sealed record ModuleLocation(string CodeRoot, string ModulePath, string Prefix, string CodeDir, string PathMajor);
