namespace GitLabLite.Git;

/// <summary>Tree entry modes that matter to consumers (git's 100644/100755/120000/160000).</summary>
public enum GitTreeEntryKind
{
    Regular,
    Executable,
    Symlink,
    Submodule,
}
