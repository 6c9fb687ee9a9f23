using System.Diagnostics;
using System.Text;

namespace GitLabLite.Git;

/// <summary>
/// Git's smart HTTP protocol served by the real git: `git upload-pack|receive-pack --stateless-rpc`, as
/// http-backend runs them. Bodies are streamed through the child's stdin and stdout, so a pack of any size never
/// sits in memory. No shell is involved; the repository path is passed as a single argument.
/// </summary>
public static class GitSmartHttp
{
    private const int StderrTailBytes = 4096;

    /// <summary>Refs kept for the server's own use: GitLab's keep-around refs, which hold commits served to Go clients.</summary>
    public static readonly IReadOnlyList<string> HiddenRefs = ["refs/keep-around/"];

    /// <summary>
    /// Writes the ref advertisement for GET info/refs: the `# service=` pkt-line and a flush (omitted for protocol
    /// v2, as http-backend does), then git's own advertisement.
    /// </summary>
    public static async Task<GitProcessResult> AdvertiseRefsAsync(string repositoryPath, GitHttpService service, string? gitProtocol, Stream output, CancellationToken ct)
    {
        if (!IsProtocolV2(gitProtocol))
        {
            await output.WriteAsync(PktLine($"# service={service.Name}\n"), ct);
            await output.WriteAsync("0000"u8.ToArray(), ct);
        }
        return await RunAsync(repositoryPath, service, gitProtocol, advertise: true, input: null, output, ct);
    }

    /// <summary>
    /// Runs one stateless RPC round (POST git-upload-pack / git-receive-pack): request body in, result out. A push
    /// runs the hooks in <paramref name="hooksPath"/> (and no others) with <paramref name="hookEnvironment"/>.
    /// </summary>
    public static Task<GitProcessResult> StatelessRpcAsync(string repositoryPath, GitHttpService service, string? gitProtocol, Stream input, Stream output,
        CancellationToken ct, string? hooksPath = null, IReadOnlyDictionary<string, string>? hookEnvironment = null) =>
        RunAsync(repositoryPath, service, gitProtocol, advertise: false, input, output, ct, hooksPath, hookEnvironment);

    /// <summary>GIT_PROTOCOL is a colon-separated list of key=value pairs; v2 is "version=2".</summary>
    public static bool IsProtocolV2(string? gitProtocol) =>
        gitProtocol is not null && gitProtocol.Split(':').Contains("version=2");

    /// <summary>
    /// git passes Git-Protocol on as GIT_PROTOCOL and trusts it to hold only key=value pairs; anything else is
    /// dropped rather than handed to a child's environment.
    /// </summary>
    public static string? SanitizeProtocol(string? header) =>
        header is { Length: > 0 and <= 256 } && header.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or ':' or '.' or '-' or '_') ? header : null;

    private static async Task<GitProcessResult> RunAsync(string repositoryPath, GitHttpService service, string? gitProtocol, bool advertise, Stream? input, Stream output,
        CancellationToken ct, string? hooksPath = null, IReadOnlyDictionary<string, string>? hookEnvironment = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Hidden refs are neither advertised nor fetchable, and a push that names one is refused (transfer.hideRefs).
        foreach (var hidden in HiddenRefs)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"transfer.hideRefs={hidden}");
        }
        if (service.IsPush)
        {
            // Only the app's hooks: never ones a repository directory might hold.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"core.hooksPath={hooksPath ?? "/dev/null"}");
        }
        start.ArgumentList.Add(service.Command);
        start.ArgumentList.Add("--stateless-rpc");
        if (advertise) start.ArgumentList.Add("--advertise-refs");
        start.ArgumentList.Add(repositoryPath);
        // The server's own environment must not redirect git to another repository.
        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE" })
            start.Environment.Remove(name);
        if (SanitizeProtocol(gitProtocol) is { } protocol) start.Environment["GIT_PROTOCOL"] = protocol;
        else start.Environment.Remove("GIT_PROTOCOL");
        foreach (var (name, value) in hookEnvironment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        // A client that goes away must not leave a git child behind (receive-pack then never updates refs).
        await using var kill = ct.Register(() => KillQuietly(process));
        try
        {
            var stderr = ReadTailAsync(process.StandardError.BaseStream);
            var feed = FeedAsync(input, process.StandardInput.BaseStream, ct);
            await process.StandardOutput.BaseStream.CopyToAsync(output, ct);
            await feed;
            await process.WaitForExitAsync(ct);
            return new GitProcessResult(process.ExitCode, await stderr);
        }
        finally
        {
            KillQuietly(process);
        }
    }

    private static async Task FeedAsync(Stream? input, Stream stdin, CancellationToken ct)
    {
        try
        {
            if (input is not null) await input.CopyToAsync(stdin, ct);
        }
        catch (IOException)
        {
            // git stopped reading (it failed, or has all it needs): its exit code and stderr tell the story.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Broken pipe while flushing: same as above.
            }
        }
    }

    private static async Task<string> ReadTailAsync(Stream stderr)
    {
        var tail = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stderr.ReadAsync(buffer)) > 0)
        {
            tail.Write(buffer, 0, read);
            if (tail.Length > StderrTailBytes * 2)
            {
                var keep = tail.ToArray()[^StderrTailBytes..];
                tail.SetLength(0);
                tail.Write(keep);
            }
        }
        return Encoding.UTF8.GetString(tail.ToArray());
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
    }

    private static byte[] PktLine(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        return [.. Encoding.ASCII.GetBytes((payload.Length + 4).ToString("x4")), .. payload];
    }
}
