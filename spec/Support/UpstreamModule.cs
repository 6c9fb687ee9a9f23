namespace GitLabLite.Spec.Support;

/// <summary>One version of a public module for <see cref="GoModuleUpstream"/>: its go.mod module path and its files.</summary>
public sealed record UpstreamModule(string Path, string Version, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A module with a go.mod and one Go file.</summary>
    public static UpstreamModule Simple(string path, string version, string body = "") => new(path, version, new Dictionary<string, string>
    {
        ["go.mod"] = $"module {path}\n\ngo 1.19\n",
        ["lib.go"] = $"package {path.Split('/')[^1].Replace("-", "")}\n\n// Version is the version this file was tagged as.\nconst Version = \"{version}\"\n{body}",
    });
}
