namespace GitLabLite.Services.Packages.Go;

/// <summary>One push as <see cref="ServedTagsGuard"/> prepared it: the hook's environment, and the allowed tags to check afterwards.</summary>
public sealed record ServedTagsPush(IReadOnlyDictionary<string, string> HookEnvironment, IReadOnlyList<AllowedTag> Allowed);
