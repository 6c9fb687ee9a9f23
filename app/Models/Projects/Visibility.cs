namespace GitLabLite.Models.Projects;

/// <summary>GitLab's visibility levels, stored as their numeric values.</summary>
public enum Visibility
{
    Private = 0,
    Internal = 10,
    Public = 20,
}
