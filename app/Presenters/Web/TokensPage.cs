using GitLabLite.Models.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Presenters.Web;

/// <summary>The access tokens page; <see cref="Created"/> carries a new token's value for the one response that shows it.</summary>
public sealed record TokensPage(IReadOnlyList<PersonalAccessToken> Tokens, CreatedPersonalAccessToken? Created, IReadOnlyList<string> Errors, DateTime Now)
{
    public IReadOnlyList<PersonalAccessToken> Active => Tokens.Where(t => t.Active(Now)).ToList();

    public IReadOnlyList<PersonalAccessToken> Inactive => Tokens.Where(t => !t.Active(Now)).ToList();
}
