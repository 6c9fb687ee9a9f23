namespace GitLabLite.Controllers.Concerns;

/// <summary>What <see cref="AuthorizeProjectAttribute"/> requires of the caller (GitLab's read_project and download_code).</summary>
public enum ProjectAbility
{
    /// <summary>See the project at all.</summary>
    Read,
    /// <summary>Read its code, tags and packages: private projects need Reporter.</summary>
    ReadCode,
}
