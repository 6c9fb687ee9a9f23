using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GitLabLite.Golang;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// The .info / @latest JSON: Version, Time (committer time, UTC, RFC 3339 as Go's time.Time marshals whole
/// seconds) and the optional Origin that proxy.golang.org also sends (go-proxy-protocol.md §1.3).
/// </summary>
public static class ModuleVersionPresenter
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Present(RevInfo info, string repositoryUrl, string subdir) =>
        JsonSerializer.Serialize(new Info(
            info.Version,
            info.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            new Origin("git", repositoryUrl, subdir.Length == 0 ? null : subdir, info.Hash, info.Ref)), Json);

    private sealed record Info(string Version, string Time, Origin Origin);

    private sealed record Origin(string VCS, string URL, string? Subdir, string Hash, string? Ref);
}
