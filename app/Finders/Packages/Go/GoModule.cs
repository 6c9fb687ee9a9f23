using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>A module of a project, open on its repository for the length of one request.</summary>
public sealed class GoModule(Project project, string repositoryPath, GitRepositoryReader git, CodeRepo code) : IDisposable
{
    public Project Project { get; } = project;

    public string RepositoryPath { get; } = repositoryPath;

    public GitRepositoryReader Git { get; } = git;

    public CodeRepo Code { get; } = code;

    public void Dispose() => Git.Dispose();
}
