namespace GitLabLite.Services.Projects;

/// <summary>One scheduled import: the project it fills and the checked source.</summary>
public sealed record ProjectImportJob(long ProjectId, ImportSource Source);
