using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using Microsoft.Extensions.Options;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// The lines a user copies to fetch modules through this instance: first the instance endpoint's `go env -w` line,
/// the ~/.netrc line, the GOPRIVATE line for git-only use, and for a project its own GOPROXY URL as the alternative.
/// GONOSUMDB names the module host, because the checksum database cannot know private modules. When the instance
/// and group endpoints pull public modules through (<see cref="GoProxyOptions.PullsThrough"/>), their line is that
/// endpoint alone: no public proxy and no direct, and GOSUMDB left at its default (this server proxies it);
/// otherwise, and always for a project's endpoint, go goes on to the public proxy and then direct. A token value
/// never appears: the user writes their own.
/// </summary>
public sealed class GoSetupPresenter(InstanceSettings settings, ProjectUrls urls, IOptions<GoProxyOptions> goProxy)
{
    public GoSetup Present(Project project, User? user) => Build(urls.ModulePath(project), user, urls.GoProxyUrl(project));

    /// <summary>For the Go modules help page: the instance lines only.</summary>
    public GoSetup Instance(User? user) => Build(settings.ModulePrefix, user, null);

    /// <summary>Whether the instance and group lines are the single-line setup (public modules through this instance).</summary>
    public bool PullsThrough => goProxy.Value.PullsThrough;

    /// <summary>The `go env -w` line for the instance endpoint or a group's: they pull public modules through when that is on.</summary>
    public string GoEnvLine(string proxyUrl) =>
        PullsThrough ? $"go env -w GOPROXY={proxyUrl} GONOSUMDB={settings.ModuleHost}" : FallbackLine(proxyUrl);

    /// <summary>A project endpoint serves its own module only: public modules come from the public proxy or direct.</summary>
    private string FallbackLine(string proxyUrl) => $"go env -w GOPROXY={proxyUrl},https://proxy.golang.org,direct GONOSUMDB={settings.ModulePrefix}";

    private GoSetup Build(string modulePath, User? user, string? projectProxyUrl) => new(
        modulePath,
        urls.InstanceGoProxyUrl,
        GoEnvLine(urls.InstanceGoProxyUrl),
        $"machine {settings.Host} login {user?.Username ?? "<username>"} password <your token>",
        $"go env -w GOPRIVATE={settings.ModulePrefix}",
        projectProxyUrl ?? "",
        projectProxyUrl is null ? "" : FallbackLine(projectProxyUrl));
}
