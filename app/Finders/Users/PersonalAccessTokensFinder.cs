using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Finders.Users;

/// <summary>Tokens a user may see: their own; an admin sees everyone's.</summary>
public sealed class PersonalAccessTokensFinder(PersonalAccessTokenRepository tokens)
{
    /// <summary>Null for a missing token and for someone else's, so the two cannot be told apart.</summary>
    public async Task<PersonalAccessToken?> FindOrNullAsync(User actor, long id, CancellationToken ct)
    {
        var token = await tokens.FindOrNullAsync(id, ct);
        return token is not null && token.ManageableBy(actor) ? token : null;
    }

    /// <summary>An admin lists <paramref name="userId"/>'s tokens, or all when null; anyone else always their own (GitLab ignores user_id for them).</summary>
    public async Task<(IReadOnlyList<PersonalAccessToken> Items, long Total)> ListAsync(
        User actor, long? userId, int offset, int limit, CancellationToken ct)
    {
        var owner = actor.Admin ? userId : actor.Id;
        return (await tokens.ListAsync(owner, offset, limit, ct), await tokens.CountAsync(owner, ct));
    }
}
