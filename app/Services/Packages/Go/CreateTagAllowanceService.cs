using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.AuditEvents;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Lets the next push move or delete one tag whose version was served to Go clients (push protection refuses it
/// otherwise). Owners and administrators only, and audited: clients that recorded the version keep getting the
/// recorded bytes, but whoever builds from the tag afterwards gets something else.
/// </summary>
public sealed class CreateTagAllowanceService(
    LedgerRepository ledger, TagAllowanceRepository allowances, AuditEventService audit, TimeProvider clock)
{
    public const string EventName = "go_served_tag_update_allowed";

    /// <summary><paramref name="tagName"/> is a valid tag name already (the params' validator).</summary>
    public async Task<ServiceResponse<TagAllowance>> ExecuteAsync(ProjectPermissions permissions, User user, string tagName, string? ipAddress, CancellationToken ct)
    {
        if (!permissions.IsOwner)
            return ServiceResponse<TagAllowance>.Error("403 Forbidden - only an Owner or an administrator may allow moving a served tag", ServiceErrorReason.Forbidden);
        var project = permissions.Project;
        if ((await ledger.FindServedTagsAsync(project.Id, [tagName], ct)).FirstOrDefault() is not { } served)
            return ServiceResponse<TagAllowance>.Error($"Tag {tagName} was never served to Go clients: pushes may move it already", ServiceErrorReason.NotFound);
        var allowance = await allowances.CreateAsync(project.Id, tagName, user.Id, clock.GetUtcNow().UtcDateTime + TagAllowance.Lifetime, ct);
        await audit.RecordAsync(user, project, EventName, "Tag", tagName,
            $"Allowed the next push to move or delete tag {tagName}, served to Go clients as {served.PromisedH1} from {served.CommitSha}",
            new Dictionary<string, string?>
            {
                ["tag_name"] = tagName,
                ["served_commit"] = served.CommitSha,
                ["h1"] = served.PromisedH1,
                ["allowance_id"] = allowance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["expires_at"] = allowance.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }, ipAddress, ct);
        return ServiceResponse<TagAllowance>.Ok(allowance);
    }
}
