namespace GitLabLite.Models.Projects;

/// <summary>What a membership belongs to, as the members table's source_type/source_id pair.</summary>
public sealed record MemberSource(string Type, long Id)
{
    public static MemberSource Project(long id) => new("Project", id);

    public static MemberSource Group(long id) => new("Namespace", id);

    public bool IsGroup => Type == "Namespace";
}
