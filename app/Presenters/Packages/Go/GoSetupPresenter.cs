using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// The lines a user copies to fetch a project's modules through its proxy: the module path, the GOPROXY URL, the
/// `go env -w` line (proxy first, then the public proxy, then direct; GONOSUMDB because the checksum database cannot
/// know private modules) and the ~/.netrc line. A token value never appears: the user writes their own.
/// </summary>
public sealed class GoSetupPresenter(InstanceSettings settings, ProjectUrls urls)
{
    public GoSetup Present(Project project, User? user)
    {
        var modulePath = urls.ModulePath(project);
        var proxyUrl = urls.GoProxyUrl(project);
        return new GoSetup(
            modulePath,
            proxyUrl,
            $"go env -w GOPROXY={proxyUrl},https://proxy.golang.org,direct GONOSUMDB={modulePath}",
            $"machine {settings.Host} login {user?.Username ?? "<username>"} password <your token>");
    }
}
