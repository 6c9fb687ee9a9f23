namespace GitLabLite.Services.Demo;

/// <summary>
/// One commit of a demo repository: the files of db/fixtures/demo/&lt;project&gt;/&lt;Directory&gt; added to (or replacing those of)
/// the previous commit's tree, and the tags it gets.
/// </summary>
public sealed record DemoCommit(string Directory, string Message, DateTimeOffset When, IReadOnlyList<string> Tags);
