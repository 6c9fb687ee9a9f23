using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Bookkeeping after git receive-pack: the first push into an empty repository picks the default branch (HEAD
/// of a fresh repository names a branch that may never be pushed), activity is recorded, listeners are told.
/// </summary>
public sealed class PostReceiveService(RepositoryStorage storage, ProjectRepository projects, RepositoryChangeNotifier notifier)
{
    /// <summary>Returns the project's default branch after the push (null while it has no branches).</summary>
    public async Task<ServiceResponse<string?>> ExecuteAsync(Project project, CancellationToken ct)
    {
        var path = storage.PathFor(project.FullPath);
        string? defaultBranch;
        string? chosen = null;
        using (var repo = GitRepositoryReader.OpenOrNull(path))
        {
            if (repo is null) return ServiceResponse<string?>.Error("Repository not found", ServiceErrorReason.NotFound);
            defaultBranch = repo.DefaultBranch;
            if (defaultBranch is null && repo.ListBranches() is { Count: > 0 } branches)
                defaultBranch = chosen = ChooseDefault(branches.Select(b => b.Name).ToList(), project.DefaultBranch);
        }
        if (chosen is not null) BareRepository.SetHead(path, chosen);
        if (defaultBranch is not null && defaultBranch != project.DefaultBranch)
            await projects.SetDefaultBranchAsync(project.Id, defaultBranch, ct);
        else
            await projects.TouchActivityAsync(project.Id, ct);
        await notifier.NotifyRefsChangedAsync(project.Id, ct);
        return ServiceResponse<string?>.Ok(defaultBranch);
    }

    private static string ChooseDefault(IReadOnlyList<string> branches, string? configured) =>
        new[] { configured, "main", "master" }.FirstOrDefault(b => b is not null && branches.Contains(b))
        ?? branches.Order(StringComparer.Ordinal).First();
}
