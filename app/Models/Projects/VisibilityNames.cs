namespace GitLabLite.Models.Projects;

public static class VisibilityNames
{
    public static string ToName(this Visibility visibility) => visibility switch
    {
        Visibility.Public => "public",
        Visibility.Internal => "internal",
        _ => "private",
    };

    public static Visibility? Parse(string? name) => name switch
    {
        "public" => Visibility.Public,
        "internal" => Visibility.Internal,
        "private" => Visibility.Private,
        _ => null,
    };
}
