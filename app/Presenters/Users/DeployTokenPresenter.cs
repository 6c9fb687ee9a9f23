using GitLabLite.Models.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Presenters.Users;

public sealed class DeployTokenPresenter(TimeProvider clock)
{
    public DeployTokenEntity Present(DeployToken token) => new()
    {
        Id = token.Id,
        Name = token.Name,
        Username = token.Username,
        ExpiresAt = token.ExpiresAt,
        Scopes = token.Scopes,
        Revoked = token.Revoked,
        Expired = token.Expired(clock.GetUtcNow().UtcDateTime),
    };

    public DeployTokenEntity Created(CreatedDeployToken created) => Present(created.Token) with { Token = created.PlainToken };
}
