using GitLabLite.Initializers;
using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's member entity (API::Entities::Member): the user plus access_level and expires_at.</summary>
public sealed class MemberPresenter(InstanceSettings settings)
{
    public object Present(MemberUser member) => new
    {
        Id = member.UserId,
        member.Username,
        member.Name,
        member.State,
        AvatarUrl = (string?)null,
        WebUrl = $"{settings.BaseUrl}/{member.Username}",
        member.AccessLevel,
        member.CreatedAt,
        ExpiresAt = member.ExpiresAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
