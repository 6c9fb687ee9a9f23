using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>An allowance to move a served tag, with its state: active, used, revoked or expired.</summary>
public sealed class TagAllowancePresenter(TimeProvider clock)
{
    public object Present(TagAllowance a) => new
    {
        a.Id,
        a.TagName,
        AllowedBy = a.UserId is { } id ? new { Id = id, a.Username } : null,
        a.CreatedAt,
        a.ExpiresAt,
        a.UsedAt,
        a.RevokedAt,
        State = State(a),
    };

    public string State(TagAllowance a) =>
        a.UsedAt is not null ? "used" : a.RevokedAt is not null ? "revoked" : a.IsActive(clock.GetUtcNow().UtcDateTime) ? "active" : "expired";
}
