using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Web;

/// <summary>One page of a project list.</summary>
public sealed record ProjectListPage(string Title, IReadOnlyList<Project> Projects, long Total, int Page, int PerPage)
{
    public bool HasNext => (long)Page * PerPage < Total;
}
