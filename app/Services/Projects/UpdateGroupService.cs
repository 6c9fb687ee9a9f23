using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Changes a group's name, description or visibility (GitLab's Groups::UpdateService, admin_group: Owners and
/// admins). As GitLab, a group is never more visible than its parent nor less visible than a subgroup or project in
/// it. A new path is refused: it would move every repository and Go module path below the group.
/// </summary>
public sealed class UpdateGroupService(NamespaceRepository namespaces)
{
    public async Task<ServiceResponse<Namespace>> ExecuteAsync(GroupPermissions permissions, UpdateGroupParams p, CancellationToken ct)
    {
        if (!permissions.IsOwner) return Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var before = permissions.Group;
        if (p.Path is not null && !string.Equals(p.Path, before.Path, StringComparison.Ordinal))
            return Error("path cannot be changed: renaming a group would move every project and Go module path below it", ServiceErrorReason.BadRequest);
        var visibility = VisibilityNames.Parse(p.Visibility) ?? before.Visibility;
        if (visibility > before.Visibility && before.ParentId is { } parentId && await namespaces.FindOrNullAsync(parentId, ct) is { } parent
            && visibility > parent.Visibility)
            return Error($"visibility {visibility.ToName()} is not allowed since the parent group has a {parent.Visibility.ToName()} visibility", ServiceErrorReason.BadRequest);
        if (visibility < before.Visibility && await namespaces.MostVisibleBelowAsync(before.Id, ct) is { } below && below > visibility)
            return Error($"visibility {visibility.ToName()} is not allowed since there are projects or subgroups with a {below.ToName()} visibility", ServiceErrorReason.BadRequest);
        var updated = await namespaces.UpdateGroupAsync(before, p.Name ?? before.Name, p.Description ?? before.Description, visibility, ct);
        return ServiceResponse<Namespace>.Ok(updated);
    }

    private static ServiceResponse<Namespace> Error(string message, ServiceErrorReason reason) => ServiceResponse<Namespace>.Error(message, reason);
}
