namespace GitLabLite.Git;

/// <summary>When an import is stopped: after <see cref="Timeout"/>, after <see cref="Stall"/> with nothing received, or past <see cref="MaxBytes"/> on disk.</summary>
public sealed record ImportLimits(TimeSpan Timeout, TimeSpan Stall, long MaxBytes);
