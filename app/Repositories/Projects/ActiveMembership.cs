namespace GitLabLite.Repositories.Projects;

/// <summary>
/// The one definition of a membership that counts, used by every query that grants access or lists by membership
/// (GitLab's Member.active, whose expired rows its daily worker deletes): not expired, where a membership ends at
/// the start of its expires_at date, UTC, as personal access tokens do.
/// </summary>
public static class ActiveMembership
{
    /// <summary>The condition on the members row aliased <paramref name="alias"/>.</summary>
    public static string Of(string alias) => $"({alias}.expires_at IS NULL OR {alias}.expires_at > (now() AT TIME ZONE 'UTC')::date)";
}
