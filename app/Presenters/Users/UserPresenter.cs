using GitLabLite.Initializers;
using GitLabLite.Models.Users;

namespace GitLabLite.Presenters.Users;

/// <summary>GitLab's user shapes, from the list view up to the private one.</summary>
public sealed class UserPresenter(InstanceSettings settings)
{
    public UserBasicEntity Basic(User user) => new()
    {
        Id = user.Id,
        Username = user.Username,
        Name = user.Name,
        State = user.State,
        // No avatars are stored; GitLab clients accept null here.
        AvatarUrl = null,
        WebUrl = $"{settings.BaseUrl}/{user.Username}",
    };

    public UserEntity Profile(User user) => new(Basic(user)) { CreatedAt = user.CreatedAt };

    /// <summary>Only for the user themselves or an admin: it carries the email address.</summary>
    public UserDetailsEntity Details(User user) => new(Profile(user))
    {
        // Users are created confirmed (no email confirmation flow).
        ConfirmedAt = user.CreatedAt,
        LastActivityOn = user.LastActivityOn,
        Email = user.Email,
        CommitEmail = user.Email,
        CanCreateGroup = true,
        CanCreateProject = true,
        IsAdmin = user.Admin,
    };
}
