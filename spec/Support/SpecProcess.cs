using System.Diagnostics;

namespace GitLabLite.Spec.Support;

/// <summary>Runs an external command for a spec: no stdin, both outputs captured, killed with its children on timeout.</summary>
public static class SpecProcess
{
    /// <param name="environment">Variables set on top of the inherited environment (or of an empty one with <paramref name="clearEnvironment"/>).</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, bool clearEnvironment = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (clearEnvironment) start.Environment.Clear();
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
