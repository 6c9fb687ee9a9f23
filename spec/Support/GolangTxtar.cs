using System.Text;
using GitLabLite.Golang;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Minimal reader for the txtar test vectors of golang.org/x/mod/zip (golang.org/x/tools/txtar
/// format): a comment, then files introduced by <c>-- name --</c> lines. Works on bytes so file
/// contents are kept exactly; names and header values are decoded with <see cref="GoString.DecodeUtf8"/>.
/// </summary>
public sealed class GolangTxtar
{
    private GolangTxtar(byte[] comment, List<(string Name, byte[] Data)> files)
    {
        Comment = comment;
        Files = files;
    }

    /// <summary>Bytes before the first file marker.</summary>
    public byte[] Comment { get; }

    /// <summary>Files in archive order (duplicates kept).</summary>
    public List<(string Name, byte[] Data)> Files { get; }

    /// <summary>Header key=value lines of the comment, with <c>#</c> comments stripped (zip_test.go readTest).</summary>
    public Dictionary<string, string> Header()
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in GoString.DecodeUtf8(Comment).Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            header[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return header;
    }

    /// <summary>Text of the file named <paramref name="name"/>, or null.</summary>
    public string? Text(string name) =>
        Files.Where(f => f.Name == name).Select(f => Encoding.UTF8.GetString(f.Data)).FirstOrDefault();

    /// <summary>Parses a txtar file.</summary>
    public static GolangTxtar Load(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses txtar bytes.</summary>
    public static GolangTxtar Parse(byte[] data)
    {
        var files = new List<(string Name, byte[] Data)>();
        byte[]? comment = null;
        string? name = null;
        var start = 0;
        var pos = 0;
        while (pos < data.Length)
        {
            var end = Array.IndexOf(data, (byte)'\n', pos);
            var lineEnd = end < 0 ? data.Length : end;
            var next = end < 0 ? data.Length : end + 1;
            var marker = MarkerName(data.AsSpan(pos, lineEnd - pos));
            if (marker is not null)
            {
                var section = data[start..pos];
                if (name is null)
                {
                    comment = section;
                }
                else
                {
                    files.Add((name, section));
                }
                name = marker;
                start = next;
            }
            pos = next;
        }
        if (name is null)
        {
            comment = data;
        }
        else
        {
            files.Add((name, data[start..]));
        }
        return new GolangTxtar(comment ?? [], files);
    }

    private static string? MarkerName(ReadOnlySpan<byte> line)
    {
        if (line.Length < "-- x --".Length || !line.StartsWith("-- "u8) || !line.EndsWith(" --"u8))
        {
            return null;
        }
        return GoString.DecodeUtf8(line[3..^3]).Trim();
    }
}
