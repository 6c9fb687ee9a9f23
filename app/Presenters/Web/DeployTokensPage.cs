using GitLabLite.Models.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// Settings › Repository › Deploy tokens of a project or group (<see cref="BasePath"/> is its page path). The page
/// tells what a token's login and password are; <see cref="Created"/> carries a new token's value for the one
/// response that shows it.
/// </summary>
public sealed record DeployTokensPage(
    string OwnerName, string BasePath, string Host, IReadOnlyList<DeployToken> Tokens, CreatedDeployToken? Created, IReadOnlyList<string> Errors, DateTime Now)
{
    public IReadOnlyList<DeployToken> Active => Tokens.Where(t => t.Active(Now)).ToList();

    public IReadOnlyList<DeployToken> Inactive => Tokens.Where(t => !t.Active(Now)).ToList();
}
