namespace GitLabLite.Models.Users;

/// <summary>Personal access token scopes that GitLabLite understands (a subset of GitLab's).</summary>
public static class TokenScopes
{
    public const string Api = "api";
    public const string ReadApi = "read_api";
    public const string ReadUser = "read_user";
    public const string ReadRepository = "read_repository";
    public const string WriteRepository = "write_repository";

    public static readonly IReadOnlyList<string> All = [Api, ReadApi, ReadUser, ReadRepository, WriteRepository];
}
