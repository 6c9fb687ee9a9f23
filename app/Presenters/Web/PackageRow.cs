using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>One row of the package registry; <see cref="ZipSize"/> is null until the zip has been built.</summary>
public sealed record PackageRow(GoPackage Package, long? ZipSize);
