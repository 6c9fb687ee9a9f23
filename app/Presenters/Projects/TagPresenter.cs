using GitLabLite.Git;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's tag entity. Releases and protected tags do not exist here: release null, protected false.</summary>
public static class TagPresenter
{
    public static object Present(GitTag tag, string projectWebUrl) => new
    {
        tag.Name,
        // GitLab gives lightweight tags an empty message; created_at is the tagger's time, null without an annotation.
        Message = tag.Message ?? "",
        Target = tag.TargetId,
        Commit = CommitPresenter.Present(tag.Commit, projectWebUrl),
        Release = (object?)null,
        Protected = false,
        CreatedAt = tag.Tagger is { } tagger ? CommitPresenter.Time(tagger.When) : null,
    };
}
