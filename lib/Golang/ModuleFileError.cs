namespace GitLabLite.Golang;

/// <summary>A file that was omitted or is invalid, with Go's reason text (x/mod/zip FileError).</summary>
/// <param name="Path">The file path as given.</param>
/// <param name="Reason">The reason, e.g. <c>file is in vendor directory</c>.</param>
public sealed record ModuleFileError(string Path, string Reason)
{
    /// <summary>Go's formatting: <c>path: reason</c>.</summary>
    public override string ToString() => $"{Path}: {Reason}";
}
