namespace GitLabLite.Services.Users;

public enum AuthenticationStatus
{
    Anonymous,
    Authenticated,
    Invalid,
}
