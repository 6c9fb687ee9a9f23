using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Services.Projects;

/// <summary>Creates a group or subgroup; its creator becomes Owner (GitLab's Groups::CreateService).</summary>
public sealed class CreateGroupService(NamespaceRepository namespaces, GroupFinder groups)
{
    public async Task<ServiceResponse<Namespace>> ExecuteAsync(CreateGroupParams p, AuthenticationResult auth, CancellationToken ct)
    {
        var user = auth.User ?? throw new InvalidOperationException("creating a group needs a signed-in user");
        var visibility = VisibilityNames.Parse(p.Visibility) ?? Visibility.Private;
        Namespace? parent = null;
        if (p.ParentId is { } parentId)
        {
            var found = await groups.FindOrNullAsync(parentId.ToString(System.Globalization.CultureInfo.InvariantCulture), auth, ct);
            if (found is not { CanRead: true }) return ServiceResponse<Namespace>.Error("404 Group Not Found", ServiceErrorReason.NotFound);
            if (!found.CanAdmin) return ServiceResponse<Namespace>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
            parent = found.Group;
            if (visibility > parent.Visibility)
                return ServiceResponse<Namespace>.Error(
                    $"visibility {visibility.ToName()} is not allowed since the parent group has a {parent.Visibility.ToName()} visibility",
                    ServiceErrorReason.BadRequest);
        }
        var group = await namespaces.CreateGroupAsync(p.EffectiveName!, p.EffectivePath!, parent, visibility, p.Description ?? "", user.Id, ct);
        return group is null
            ? ServiceResponse<Namespace>.Error("Failed to save group: path has already been taken", ServiceErrorReason.BadRequest)
            : ServiceResponse<Namespace>.Ok(group);
    }
}
