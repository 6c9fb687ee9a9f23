using GitLabLite.Models.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Presenters.Users;

public sealed class PersonalAccessTokenPresenter(TimeProvider clock)
{
    public PersonalAccessTokenEntity Present(PersonalAccessToken token) => new()
    {
        Id = token.Id,
        Name = token.Name,
        Revoked = token.Revoked,
        CreatedAt = token.CreatedAt,
        Scopes = token.Scopes,
        UserId = token.UserId,
        LastUsedAt = token.LastUsedAt,
        Active = token.Active(clock.GetUtcNow().UtcDateTime),
        ExpiresAt = token.ExpiresAt,
    };

    /// <summary>The one response that shows the plain token (GitLab's PersonalAccessTokenWithToken).</summary>
    public PersonalAccessTokenEntity Created(CreatedPersonalAccessToken created) =>
        Present(created.Token) with { Token = created.PlainToken };
}
