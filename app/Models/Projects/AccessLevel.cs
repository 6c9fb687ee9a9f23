namespace GitLabLite.Models.Projects;

/// <summary>GitLab's member access levels.</summary>
public enum AccessLevel
{
    NoAccess = 0,
    Guest = 10,
    Reporter = 20,
    Developer = 30,
    Maintainer = 40,
    Owner = 50,
}
