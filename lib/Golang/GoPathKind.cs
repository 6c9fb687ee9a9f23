namespace GitLabLite.Golang;

/// <summary>The three kinds of slash-separated paths x/mod/module validates (module.go checkPath).</summary>
public enum GoPathKind
{
    /// <summary>A module path (module.CheckPath): ASCII letters, digits, <c>-._~</c>.</summary>
    Module,

    /// <summary>An import path (module.CheckImportPath): module chars plus <c>+</c>.</summary>
    Import,

    /// <summary>A file path inside a module (module.CheckFilePath): wider set incl. Unicode letters.</summary>
    File,
}
