using GitLabLite.Models.Users;

namespace GitLabLite.Presenters.Web;

public sealed record UsersPage(IReadOnlyList<User> Users, long Total, int Page, int PerPage)
{
    public bool HasNext => (long)Page * PerPage < Total;
}
