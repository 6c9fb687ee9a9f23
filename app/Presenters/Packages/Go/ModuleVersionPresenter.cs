using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// The .info / @latest JSON: Version, Time (committer time, UTC, RFC 3339 as Go's time.Time marshals whole
/// seconds) and the optional Origin that proxy.golang.org also sends (go-proxy-protocol.md §1.3).
/// </summary>
public static class ModuleVersionPresenter
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Present(ModuleVersion version, string repositoryUrl, string subdir) =>
        JsonSerializer.Serialize(new Info(
            version.Name,
            version.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            new Origin("git", repositoryUrl, subdir.Length == 0 ? null : subdir, version.Commit, version.Info.Ref)), Json);

    private sealed record Info(string Version, string Time, Origin Origin);

    private sealed record Origin(string VCS, string URL, string? Subdir, string Hash, string? Ref);
}
