using GitLabLite.Git;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's commit entity (as embedded in tags and branches).</summary>
public static class CommitPresenter
{
    public static object Present(GitCommitInfo commit, string projectWebUrl) => new
    {
        commit.Id,
        ShortId = commit.Id[..8],
        CreatedAt = Time(commit.Committer.When),
        ParentIds = commit.ParentIds,
        commit.Title,
        commit.Message,
        AuthorName = commit.Author.Name,
        AuthorEmail = commit.Author.Email,
        AuthoredDate = Time(commit.Author.When),
        CommitterName = commit.Committer.Name,
        CommitterEmail = commit.Committer.Email,
        CommittedDate = Time(commit.Committer.When),
        Trailers = new Dictionary<string, string>(),
        ExtendedTrailers = new Dictionary<string, string[]>(),
        WebUrl = $"{projectWebUrl}/-/commit/{commit.Id}",
    };

    /// <summary>GitLab's commit times: milliseconds and the signature's own UTC offset ("2024-01-02T03:04:05.000+01:00").</summary>
    public static string Time(DateTimeOffset when) => when.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
