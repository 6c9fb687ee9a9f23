namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:Pages`: how many project and package registry pages are rendered at once. Those pages list a project's
/// tags and versions; after a push the first views recompute those lists, which on a project with thousands of tags
/// is real work. Bounding them to half the cores keeps the other half for every other request (the API, git, the Go
/// proxy) whatever a crowd of visitors does; views beyond the bound wait their turn, and beyond the queue get 429.
/// </summary>
public sealed class PagesOptions
{
    public const string Section = "GitLab:Pages";

    /// <summary>The rate-limiting policy the page controllers name.</summary>
    public const string Policy = "pages";

    public int MaxConcurrent { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    public int MaxQueued { get; set; } = 200;
}
