namespace GitLabLite.Golang;

/// <summary>
/// Result of classifying module files (x/mod/zip CheckedFiles): every input file is in exactly
/// one of <see cref="Valid"/>, <see cref="Omitted"/> or <see cref="Invalid"/>, in input order.
/// </summary>
public sealed class ModuleFileCheck
{
    /// <summary>Files that go into the zip, in input order.</summary>
    public List<ModuleFileEntry> Valid { get; } = [];

    /// <summary>Files silently left out, with the reason.</summary>
    public List<ModuleFileError> Omitted { get; } = [];

    /// <summary>Files that make the whole module version unusable.</summary>
    public List<ModuleFileError> Invalid { get; } = [];

    /// <summary>Set when the total size is over <see cref="ModuleZipRules.MaxZipFile"/>.</summary>
    public string? SizeError { get; set; }

    /// <summary>
    /// Set when the module path/version pair is unusable or the zip cannot be read at all
    /// (CheckZip preconditions); then the file lists are empty.
    /// </summary>
    public string? ModuleError { get; set; }

    /// <summary>CheckedFiles.Err: the module or size error, else the invalid files one per line, else null.</summary>
    public string? Error => ModuleError ?? SizeError ?? (Invalid.Count > 0 ? string.Join("\n", Invalid) : null);

    /// <summary>True when a zip may be built from <see cref="Valid"/>.</summary>
    public bool IsValid => Error is null;
}
