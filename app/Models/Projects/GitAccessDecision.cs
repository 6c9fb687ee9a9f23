namespace GitLabLite.Models.Projects;

/// <summary>What git over HTTP answers a fetch or push request (GitLab's Gitlab::GitAccess, reduced).</summary>
public enum GitAccessDecision
{
    Allowed,
    /// <summary>401 with a Basic challenge: git then asks for (other) credentials.</summary>
    Unauthorized,
    /// <summary>The project exists for the user, who may not do this.</summary>
    Forbidden,
    /// <summary>Answered exactly as for a project that does not exist.</summary>
    NotFound,
}
