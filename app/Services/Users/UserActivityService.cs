using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// GitLab's Users::ActivityService: a user counts as seen today when a token of theirs authenticates, a page is
/// served to their session or they sign in. One write a day per user at most: the loaded user row says whether
/// today is recorded already.
/// </summary>
public sealed class UserActivityService(UserRepository users, TimeProvider clock)
{
    public async Task RecordAsync(User user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.LastActivityOn != DateOnly.FromDateTime(now)) await users.RecordActivityAsync(user.Id, now, ct);
    }
}
