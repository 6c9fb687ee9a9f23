using System.IO.Compression;
using System.Text;

namespace GitLabLite.Bench;

/// <summary>
/// Fills bare repositories with `git fast-import`: thousands of tags, or one very large tree; and writes versions of
/// a public module into a GOPROXY tree for the pull-through figures.
/// </summary>
public static class Fixtures
{
    private const long Epoch = 1_700_000_000;

    /// <summary><paramref name="tags"/> commits on main, each tagged v1.&lt;i/100&gt;.&lt;i%100&gt;, all with go.mod; refs packed.</summary>
    public static async Task ManyTagsAsync(string repo, string module, int tags)
    {
        await Shell.RunAsync("git", ["-C", repo, "fast-import", "--quiet"], stdin: async input =>
        {
            await using var w = new StreamWriter(input, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var gomod = $"module {module}\n\ngo 1.21\n";
            await w.WriteAsync($"blob\nmark :1\ndata {Encoding.UTF8.GetByteCount(gomod)}\n{gomod}\n");
            for (var i = 0; i < tags; i++)
            {
                var mark = i + 2;
                var file = $"package m\n\nconst N = {i}\n";
                await w.WriteAsync($"commit refs/heads/main\nmark :{mark}\ncommitter Bench <bench@example.com> {Epoch + i * 60} +0000\ndata 4\nc{i % 1000:000}\n");
                if (i > 0) await w.WriteAsync($"from :{mark - 1}\n");
                await w.WriteAsync($"M 100644 :1 go.mod\nM 100644 inline n.go\ndata {Encoding.UTF8.GetByteCount(file)}\n{file}\n");
                await w.WriteAsync($"reset refs/tags/{TagName(i)}\nfrom :{mark}\n\n");
            }
        });
        await FinishAsync(repo);
    }

    public static string TagName(int i) => $"v1.{i / 100}.{i % 100}";

    /// <summary>One commit tagged v1.0.0 with go.mod and <paramref name="files"/> incompressible files of <paramref name="fileBytes"/> bytes.</summary>
    public static async Task LargeTreeAsync(string repo, string module, int files, int fileBytes)
    {
        await Shell.RunAsync("git", ["-C", repo, "fast-import", "--quiet"], stdin: async input =>
        {
            var random = new Random(42);
            var buffer = new byte[fileBytes];
            async Task Text(string s) { var b = Encoding.UTF8.GetBytes(s); await input.WriteAsync(b); }
            var gomod = $"module {module}\n\ngo 1.21\n";
            await Text($"commit refs/heads/main\ncommitter Bench <bench@example.com> {Epoch} +0000\ndata 5\nlarge\n");
            await Text($"M 100644 inline go.mod\ndata {Encoding.UTF8.GetByteCount(gomod)}\n{gomod}\n");
            for (var i = 0; i < files; i++)
            {
                random.NextBytes(buffer);
                await Text($"M 100644 inline d{i / 1000:00}/f{i % 1000:000}.bin\ndata {fileBytes}\n");
                await input.WriteAsync(buffer);
                await Text("\n");
            }
            await Text("\nreset refs/tags/v1.0.0\nfrom refs/heads/main\n\n");
        });
        await FinishAsync(repo);
    }

    /// <summary>
    /// One commit tagged v1.0.0 with go.mod and <paramref name="files"/> small Go-like text files (0.1-3 KiB, varied
    /// and compressible, as real source trees are): the shape where per-file costs dominate a zip build.
    /// </summary>
    public static async Task SmallTextTreeAsync(string repo, string module, int files)
    {
        await Shell.RunAsync("git", ["-C", repo, "fast-import", "--quiet"], stdin: async input =>
        {
            var random = new Random(7);
            string[] words = ["func", "return", "err", "nil", "if", "for", "range", "ctx", "value", "string", "int", "map", "struct", "var", "defer", "go", "select", "case", "buffer", "Reader", "Writer", "context", "errors", "fmt.Errorf", "len", "append", "make"];
            await using var w = new StreamWriter(input, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var gomod = $"module {module}\n\ngo 1.21\n";
            await w.WriteAsync($"commit refs/heads/main\ncommitter Bench <bench@example.com> {Epoch} +0000\ndata 5\nsmall\n");
            await w.WriteAsync($"M 100644 inline go.mod\ndata {Encoding.UTF8.GetByteCount(gomod)}\n{gomod}\n");
            var text = new StringBuilder();
            for (var i = 0; i < files; i++)
            {
                text.Clear().Append($"// Package p{i / 1000} is generated for the benchmark.\npackage p{i / 1000}\n\n");
                var target = random.Next(100, 3072);
                while (text.Length < target)
                {
                    text.Append('\t');
                    for (var n = random.Next(3, 12); n > 0; n--) text.Append(words[random.Next(words.Length)]).Append(n % 4 == 0 ? "(" : " ");
                    text.Append($"{random.Next(1000)}\n");
                }
                var content = text.ToString();
                await w.WriteAsync($"M 100644 inline d{i / 1000:00}/f{i % 1000:000}.go\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
            }
            await w.WriteAsync("\nreset refs/tags/v1.0.0\nfrom refs/heads/main\n\n");
        });
        await FinishAsync(repo);
    }

    /// <summary>
    /// A version of a public module in a GOPROXY tree (list, .info, .mod, .zip): the files of a built module zip,
    /// renamed under <paramref name="module"/>@<paramref name="version"/>/ and deflated as go's zips are, with a go.mod
    /// naming that path, so the upstream file is about as large as the built zip.
    /// </summary>
    public static void PublicModule(string builtZip, string goproxyDir, string module, string version)
    {
        var dir = Directory.CreateDirectory(Path.Combine(goproxyDir, module, "@v")).FullName;
        var gomod = $"module {module}\n\ngo 1.21\n";
        using (var source = ZipFile.OpenRead(builtZip))
        using (var target = ZipFile.Open(Path.Combine(dir, version + ".zip"), ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                var inModule = entry.FullName[entry.FullName.IndexOf('/', entry.FullName.IndexOf('@'))..];
                using var output = target.CreateEntry($"{module}@{version}{inModule}", CompressionLevel.Optimal).Open();
                if (inModule == "/go.mod") output.Write(Encoding.UTF8.GetBytes(gomod));
                else
                {
                    using var input = entry.Open();
                    input.CopyTo(output);
                }
            }
        }
        File.WriteAllText(Path.Combine(dir, version + ".mod"), gomod);
        File.WriteAllText(Path.Combine(dir, version + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2023-11-14T22:13:20Z\"}}\n");
        File.AppendAllText(Path.Combine(dir, "list"), version + "\n");
    }

    private static async Task FinishAsync(string repo)
    {
        await Shell.RunAsync("git", ["-C", repo, "symbolic-ref", "HEAD", "refs/heads/main"]);
        await Shell.RunAsync("git", ["-C", repo, "pack-refs", "--all"]);
    }
}
