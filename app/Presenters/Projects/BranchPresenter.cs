using GitLabLite.Git;

namespace GitLabLite.Presenters.Projects;

/// <summary>
/// GitLab's branch entity. Branch protection does not exist here, so every branch reports unprotected (and GitLab
/// reports developers_can_* false for unprotected branches); can_push is the caller's push permission.
/// </summary>
public static class BranchPresenter
{
    public static object Present(GitBranch branch, string? defaultBranch, bool canPush, string projectWebUrl) => new
    {
        branch.Name,
        Commit = CommitPresenter.Present(branch.Commit, projectWebUrl),
        Merged = false,
        Protected = false,
        DevelopersCanPush = false,
        DevelopersCanMerge = false,
        CanPush = canPush,
        Default = branch.Name == defaultBranch,
        WebUrl = $"{projectWebUrl}/-/tree/{Uri.EscapeDataString(branch.Name).Replace("%2F", "/")}",
    };
}
