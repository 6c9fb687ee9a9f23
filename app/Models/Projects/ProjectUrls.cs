using GitLabLite.Initializers;

namespace GitLabLite.Models.Projects;

/// <summary>
/// The one place a project's addresses are made from the instance settings: its Go module path (host without port,
/// plus relative root), its web, API and clone URLs, and the GOPROXY URLs of the project, its group and the instance.
/// </summary>
public sealed class ProjectUrls(InstanceSettings settings)
{
    /// <summary>A project is at least namespace/project; GitLab nests groups 20 deep.</summary>
    public const int MaxFullPathSegments = 21;

    /// <summary>The project's import path (its root module's path), e.g. gitlab.example.com/group/project.</summary>
    public string ModulePath(Project project) => $"{settings.ModulePrefix}/{project.FullPath}";

    public string WebUrl(Project project) => $"{settings.BaseUrl}/{project.FullPath}";

    public string HttpUrlToRepo(Project project) => $"{settings.BaseUrl}/{project.FullPath}.git";

    /// <summary>The project in the REST API (GitLab's _links.self).</summary>
    public string ApiUrl(Project project) => $"{settings.BaseUrl}/api/v4/projects/{project.Id}";

    public string GoProxyUrl(Project project) => $"{ApiUrl(project)}/packages/go";

    public string GoProxyUrl(Namespace group) => $"{settings.BaseUrl}/api/v4/groups/{group.Id}/-/packages/go";

    /// <summary>One GOPROXY entry for every project of the instance.</summary>
    public string InstanceGoProxyUrl => $"{settings.BaseUrl}/api/v4/packages/go";

    /// <summary>The module prefix itself or a path below it: a module path only this instance can serve.</summary>
    public bool IsUnderModulePrefix(string modulePath) =>
        modulePath.StartsWith(settings.ModulePrefix, StringComparison.Ordinal)
        && (modulePath.Length == settings.ModulePrefix.Length || modulePath[settings.ModulePrefix.Length] == '/');

    /// <summary>
    /// The inverse of <see cref="ModulePath"/>: the full paths of the projects that could hold
    /// <paramref name="modulePath"/> (the path below the module prefix cut at each slash, two segments or more),
    /// longest first; empty when the path is not under this instance's module prefix.
    /// </summary>
    public IReadOnlyList<string> FullPathCandidates(string modulePath)
    {
        var prefix = settings.ModulePrefix + "/";
        if (!modulePath.StartsWith(prefix, StringComparison.Ordinal)) return [];
        var rest = modulePath.AsSpan(prefix.Length);
        var candidates = new List<string>();
        var segments = 1;
        for (var i = 0; i <= rest.Length && segments <= MaxFullPathSegments; i++)
        {
            if (i < rest.Length && rest[i] != '/') continue;
            if (i == 0 || rest[i - 1] == '/') return [];
            if (segments >= 2) candidates.Add(rest[..i].ToString());
            segments++;
        }
        candidates.Reverse();
        return candidates;
    }
}
