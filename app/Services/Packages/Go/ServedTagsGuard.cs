using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.AuditEvents;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Push protection for served versions: before receive-pack runs, the tags the push updates are looked up in the
/// version ledger, and those that were served (and are not allowed by an Owner) go to git's `update` hook
/// (<see cref="ProtectedTagsHook"/>), which refuses each such ref on its own with a one-line reason while the rest of
/// the push lands. Why a hook rather than answering for git: receive-pack alone knows the pushed objects (an
/// annotated tag re-pointed at the same commit is harmless) and speaks the report-status protocol; the app only reads
/// the command list, so the hook is handed exactly the tags of this push, however many the project has served.
/// After the push, an allowance whose tag did change is spent, and that is audited.
/// </summary>
public sealed class ServedTagsGuard(
    LedgerRepository ledger, TagAllowanceRepository allowances, AuditEventService audit, InstanceSettings settings, RepositoryStorage storage)
{
    public const string MovedEventName = "go_served_tag_updated";

    /// <summary>Where the app's hooks live (git's core.hooksPath for pushes); '+' never starts a project path.</summary>
    public string HooksPath => Path.Combine(settings.RepositoriesPath, "+hooks");

    public async Task<ServedTagsPush> PrepareAsync(Project project, IReadOnlyList<ReceivePackCommand> commands, CancellationToken ct)
    {
        // Every push: the hook must be there even if someone cleared the directory since the last one.
        ProtectedTagsHook.Install(HooksPath);
        var tags = commands.Where(c => c.IsTag).Select(c => c.TagName).Distinct(StringComparer.Ordinal).ToList();
        var served = tags.Count == 0 ? [] : await ledger.FindServedTagsAsync(project.Id, tags, ct);
        var allowed = served.Count == 0 ? [] : await allowances.ActiveAsync(project.Id, [.. served.Select(s => s.TagName!)], ct);
        var held = served.Where(s => allowed.All(a => a.TagName != s.TagName))
            .Select(s => (s.TagName!, s.CommitSha, $"{s.TagName} was served to Go clients as {s.PromisedH1}; tag a new version or add a retract directive"));
        var path = storage.PathFor(project.FullPath);
        var spending = allowed.DistinctBy(a => a.TagName)
            .Select(a => new AllowedTag(a, served.First(s => s.TagName == a.TagName), BareRepository.TagCommitOrNull(path, a.TagName)))
            .ToList();
        return new ServedTagsPush(ProtectedTagsHook.Environment(held), spending);
    }

    /// <summary>Spends the allowances whose tags the push changed, recording who moved what.</summary>
    public async Task CompleteAsync(Project project, User pusher, ServedTagsPush push, string? ipAddress, CancellationToken ct)
    {
        var path = storage.PathFor(project.FullPath);
        foreach (var (allowance, served, before) in push.Allowed)
        {
            var after = BareRepository.TagCommitOrNull(path, allowance.TagName);
            if (after == before || !await allowances.MarkUsedAsync(allowance.Id, ct)) continue;
            await audit.RecordAsync(pusher, project, MovedEventName, "Tag", allowance.TagName,
                $"{(after is null ? "Deleted" : "Moved")} served tag {allowance.TagName} (was {before ?? "absent"}{(after is null ? "" : $", now {after}")}) " +
                $"under the allowance of {allowance.Username ?? "a deleted user"}; Go clients keep getting {served.CommitSha} ({served.PromisedH1})",
                new Dictionary<string, string?>
                {
                    ["tag_name"] = allowance.TagName,
                    ["from"] = before,
                    ["to"] = after,
                    ["served_commit"] = served.CommitSha,
                    ["h1"] = served.PromisedH1,
                    ["allowance_id"] = allowance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, ipAddress, ct);
        }
    }
}
