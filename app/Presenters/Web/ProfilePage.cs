using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Presenters.Web;

/// <summary>The profile page: the user, their personal projects and how many of their tokens work now.</summary>
public sealed record ProfilePage(User User, IReadOnlyList<Project> PersonalProjects, int ActiveTokens);
