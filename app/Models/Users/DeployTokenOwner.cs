namespace GitLabLite.Models.Users;

/// <summary>What a deploy token belongs to: a project or a group (exactly one of the two).</summary>
public sealed record DeployTokenOwner(long? ProjectId, long? GroupId)
{
    public static DeployTokenOwner Project(long id) => new(id, null);

    public static DeployTokenOwner Group(long id) => new(null, id);
}
