using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>A served tag a push may change under an allowance, with the commit it pointed at before the push.</summary>
public sealed record AllowedTag(TagAllowance Allowance, LedgerEntry Served, string? Before);
