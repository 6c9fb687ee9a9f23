using LibGit2Sharp;

namespace GitLabLite.Git;

/// <summary>Points a bare repository's HEAD at a branch: the one write the push flow needs outside git itself.</summary>
public static class RepositoryHead
{
    public static void PointAt(string repositoryPath, string branch)
    {
        using var repo = new Repository(repositoryPath);
        repo.Refs.UpdateTarget("HEAD", $"refs/heads/{branch}");
    }
}
