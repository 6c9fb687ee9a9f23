using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// The lines a user copies to fetch modules through this instance: first the instance endpoint's `go env -w` line
/// (this instance, then the public proxy, then direct; GONOSUMDB for the whole module host, because the checksum
/// database cannot know private modules), the ~/.netrc line, the GOPRIVATE line for git-only use, and for a project
/// its own GOPROXY URL as the alternative. A token value never appears: the user writes their own.
/// </summary>
public sealed class GoSetupPresenter(InstanceSettings settings, ProjectUrls urls)
{
    public GoSetup Present(Project project, User? user) => Build(urls.ModulePath(project), user, urls.GoProxyUrl(project));

    /// <summary>For the Go modules help page: the instance lines only.</summary>
    public GoSetup Instance(User? user) => Build(settings.ModulePrefix, user, null);

    /// <summary>The `go env -w` line for one GOPROXY entry of this instance (instance, group or project URL).</summary>
    public string GoEnvLine(string proxyUrl) => $"go env -w GOPROXY={proxyUrl},https://proxy.golang.org,direct GONOSUMDB={settings.ModulePrefix}";

    private GoSetup Build(string modulePath, User? user, string? projectProxyUrl) => new(
        modulePath,
        urls.InstanceGoProxyUrl,
        GoEnvLine(urls.InstanceGoProxyUrl),
        $"machine {settings.Host} login {user?.Username ?? "<username>"} password <your token>",
        $"go env -w GOPRIVATE={settings.ModulePrefix}",
        projectProxyUrl ?? "",
        projectProxyUrl is null ? "" : GoEnvLine(projectProxyUrl));
}
