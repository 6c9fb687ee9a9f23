using GitLabLite.Models.Projects;

namespace GitLabLite.Controllers.Concerns;

/// <summary>The project to serve, or the status and one-line reason to refuse with (401 carries a Basic challenge).</summary>
public sealed record GoProxyAccessResult(Project? Project, int Status, string Reason)
{
    public static GoProxyAccessResult Allow(Project project) => new(project, 200, "");

    public static GoProxyAccessResult Deny(int status, string reason) => new(null, status, reason);

    public static GoProxyAccessResult Challenge() => new(null, 401, "unauthorized: this module needs credentials (a token with read_api in ~/.netrc)");
}
