namespace GitLabLite.Golang;

/// <summary>What a module tree entry is (the Lstat mode x/mod/zip looks at).</summary>
public enum ModuleFileKind
{
    /// <summary>A regular file: the only kind that goes into a module zip.</summary>
    Regular,

    /// <summary>A symbolic link: omitted (golang.org/issue/27093).</summary>
    Symlink,

    /// <summary>A git submodule (gitlink): never included, omitted as not a regular file.</summary>
    Submodule,

    /// <summary>An explicit directory entry: ignored, but takes part in collision checks.</summary>
    Directory,
}
