using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// The project that serves a module path, or none; <see cref="CouldBeLocal"/> says whether the path could name a
/// project of the endpoint at all (under the module prefix, two segments or more, inside the group), which is when an
/// anonymous caller is asked for credentials rather than told there is nothing.
/// </summary>
public sealed record ModuleProjectResult(ProjectPermissions? Project, bool CouldBeLocal)
{
    public static readonly ModuleProjectResult NoCandidates = new(null, false);

    public static readonly ModuleProjectResult NotFound = new(null, true);
}
