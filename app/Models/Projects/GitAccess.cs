using GitLabLite.Models.Users;

namespace GitLabLite.Models.Projects;

/// <summary>
/// The rules for git over HTTP: anonymous clone of public projects; everything else needs a user whose token
/// carries a repository scope (read_repository, write_repository or api; write_repository or api to push) and
/// the project permission (Reporter+ for private code, Developer+ to push).
/// </summary>
public static class GitAccess
{
    public static (GitAccessDecision Decision, string Message) Decide(ProjectPermissions? permissions, bool signedIn, Func<string, bool> hasScope, bool push)
    {
        if (signedIn && !(hasScope(TokenScopes.Api) || hasScope(TokenScopes.WriteRepository) || (!push && hasScope(TokenScopes.ReadRepository))))
        {
            // Public code is anyone's to clone: a token without a repository scope (say a read_api one in ~/.netrc)
            // counts as no credentials then, as GitLab's guest_can_download_code, rather than refusing the clone.
            if (!push && permissions?.Project.Visibility == Visibility.Public) return (GitAccessDecision.Allowed, "");
            return push && hasScope(TokenScopes.ReadRepository)
                ? (GitAccessDecision.Forbidden, "The provided token lacks the write_repository scope needed to push.")
                : (GitAccessDecision.Unauthorized, "HTTP Basic: Access denied. The provided token lacks a repository scope (read_repository, write_repository or api).");
        }
        // Anonymous callers learn nothing about private projects: they are asked for credentials, as for unknown ones.
        if (permissions is not { CanRead: true })
            return signedIn ? (GitAccessDecision.NotFound, NotFoundMessage) : (GitAccessDecision.Unauthorized, "HTTP Basic: Access denied");
        if (!permissions.CanReadCode)
            return (GitAccessDecision.Forbidden, "You are not allowed to download code from this project.");
        if (!push) return (GitAccessDecision.Allowed, "");
        if (!signedIn) return (GitAccessDecision.Unauthorized, "HTTP Basic: Access denied");
        return permissions.CanPush ? (GitAccessDecision.Allowed, "") : (GitAccessDecision.Forbidden, "You are not allowed to push code to this project.");
    }

    public const string NotFoundMessage = "The project you were looking for could not be found or you don't have permission to view it.";
}
