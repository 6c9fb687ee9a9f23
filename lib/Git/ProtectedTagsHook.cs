namespace GitLabLite.Git;

/// <summary>
/// The `update` hook receive-pack runs for each ref of a push (githooks "update": ref, old id, new id; a non-zero
/// exit refuses that ref alone, shown as "! [remote rejected] &lt;ref&gt; (hook declined)", and what the hook prints
/// reaches the pusher as "remote:" lines). It refuses to move or delete the tags it is given, unless the new value
/// peels to the commit the tag is held at. The tags come through the environment of the receive-pack the app
/// starts, only those of this push (the app reads the push's commands first), one "&lt;ref&gt; &lt;commit&gt; &lt;reason&gt;"
/// a line, split over numbered variables to stay under the kernel's limit on one variable's size.
/// </summary>
public static class ProtectedTagsHook
{
    public const string CountVariable = "GITLABLITE_PROTECTED_TAGS_COUNT";
    public const string ChunkVariablePrefix = "GITLABLITE_PROTECTED_TAGS_";

    // Linux refuses a single environment string over 128 KiB (MAX_ARG_STRLEN); leave room for the name.
    private const int MaxChunkLength = 120 * 1024;

    /// <summary>POSIX sh, so it runs wherever git does; `git rev-parse` sees the pushed objects (receive-pack's quarantine).</summary>
    public const string Script = """
        #!/bin/sh
        # Installed by GitLabLite (ProtectedTagsHook): refuses to move or delete a protected tag. Do not edit.
        ref=$1
        new=$3
        i=0
        while [ "$i" -lt "${GITLABLITE_PROTECTED_TAGS_COUNT:-0}" ]; do
        	eval "lines=\${GITLABLITE_PROTECTED_TAGS_$i}"
        	while read -r name commit reason; do
        		[ "$name" = "$ref" ] || continue
        		# Pointing it (back) at the commit it is held at changes nothing.
        		[ "$(git rev-parse -q --verify "$new^{commit}" 2>/dev/null)" = "$commit" ] && exit 0
        		printf '%s\n' "$reason" >&2
        		exit 1
        	done <<LINES
        $lines
        LINES
        	i=$((i + 1))
        done
        exit 0

        """;

    /// <summary>Writes the hook as "update" into <paramref name="hooksDirectory"/> (for core.hooksPath) unless it is there already.</summary>
    public static void Install(string hooksDirectory)
    {
        var path = Path.Combine(hooksDirectory, "update");
        if (File.Exists(path) && File.ReadAllText(path) == Script) return;
        Directory.CreateDirectory(hooksDirectory);
        // Written aside and renamed: a push running meanwhile sees the old hook or the new one, never half of one.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, Script);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The variables that hand <paramref name="tags"/> (tag name, commit held at, one-line reason) to the hook.</summary>
    public static IReadOnlyDictionary<string, string> Environment(IEnumerable<(string TagName, string CommitId, string Reason)> tags)
    {
        var chunks = new List<string>();
        var chunk = new System.Text.StringBuilder();
        foreach (var (tag, commit, reason) in tags)
        {
            // The hook reads whitespace-separated fields, the reason last; a line break would start another tag.
            var line = $"refs/tags/{tag} {commit} {reason.ReplaceLineEndings(" ")}\n";
            if (chunk.Length > 0 && chunk.Length + line.Length > MaxChunkLength)
            {
                chunks.Add(chunk.ToString());
                chunk.Clear();
            }
            chunk.Append(line);
        }
        if (chunk.Length > 0) chunks.Add(chunk.ToString());
        var variables = chunks.Select((c, i) => KeyValuePair.Create(ChunkVariablePrefix + i, c)).ToDictionary();
        variables[CountVariable] = chunks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return variables;
    }
}
