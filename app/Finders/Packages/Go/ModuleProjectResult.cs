using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// The project that serves a module path, or none; <see cref="CouldBeLocal"/> says whether the path belongs to the
/// endpoint at all (under the module prefix; on a group endpoint, inside the group): then the answer is never the
/// 404 that sends `go` to its next GOPROXY entry, which would hand this instance's private paths to a public proxy.
/// </summary>
public sealed record ModuleProjectResult(ProjectPermissions? Project, bool CouldBeLocal)
{
    public static readonly ModuleProjectResult NoCandidates = new(null, false);

    public static readonly ModuleProjectResult NotFound = new(null, true);
}
