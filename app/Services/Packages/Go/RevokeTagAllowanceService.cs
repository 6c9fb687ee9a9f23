using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.AuditEvents;

namespace GitLabLite.Services.Packages.Go;

/// <summary>Takes back an unused allowance to move a served tag (Owners and administrators; audited).</summary>
public sealed class RevokeTagAllowanceService(TagAllowanceRepository allowances, AuditEventService audit)
{
    public const string EventName = "go_served_tag_update_allowance_revoked";

    public async Task<ServiceResponse<bool>> ExecuteAsync(ProjectPermissions permissions, User user, long allowanceId, string? ipAddress, CancellationToken ct)
    {
        if (!permissions.IsOwner)
            return ServiceResponse<bool>.Error("403 Forbidden - only an Owner or an administrator may revoke an allowance", ServiceErrorReason.Forbidden);
        var project = permissions.Project;
        if (await allowances.FindOrNullAsync(project.Id, allowanceId, ct) is not { } allowance)
            return ServiceResponse<bool>.Error("404 Allowance Not Found", ServiceErrorReason.NotFound);
        if (!await allowances.RevokeAsync(allowance.Id, ct))
            return ServiceResponse<bool>.Error("The allowance was used or revoked already", ServiceErrorReason.Conflict);
        await audit.RecordAsync(user, project, EventName, "Tag", allowance.TagName,
            $"Revoked the allowance to move or delete served tag {allowance.TagName}",
            new Dictionary<string, string?> { ["tag_name"] = allowance.TagName, ["allowance_id"] = allowance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ipAddress, ct);
        return ServiceResponse<bool>.Ok(true);
    }
}
