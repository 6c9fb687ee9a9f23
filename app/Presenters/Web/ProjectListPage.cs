using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Web;

/// <summary>One page of a project list.</summary>
public sealed record ProjectListPage(string Title, IReadOnlyList<Project> Projects, PageLinks Pages);
