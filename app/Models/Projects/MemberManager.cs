namespace GitLabLite.Models.Projects;

/// <summary>
/// The caller's standing on a project or group's member list: their effective level, admin flag, and whether they
/// manage members there at all (GitLab: admin_project_member, Maintainer, on projects; admin_group_member, Owner
/// only, on groups).
/// </summary>
public sealed record MemberManager(AccessLevel Access, bool Admin, bool CanManage)
{
    public static MemberManager Of(ProjectPermissions project) => new(project.Access, project.Admin, project.CanAdmin);

    public static MemberManager Of(GroupPermissions group) => new(group.Access, group.Admin, group.IsOwner);
}
