namespace GitLabLite.Presenters.Web;

/// <summary>What the 403 and 404 pages show.</summary>
public sealed record ErrorPageModel(int Status, string Title, string Message);
