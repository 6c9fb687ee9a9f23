using System.Diagnostics;
using System.Text;

namespace GitLabLite.Spec.Support;

/// <summary>
/// `bin/run` of a checkout as a newcomer starts it: bash in the checkout, an environment of only what a login shell
/// has (none of the suite's settings, such as its ConnectionStrings__Main), plus what the spec adds. Its merged
/// output is kept for the spec to wait on and read.
/// </summary>
public sealed class BinRunProcess : IDisposable
{
    private static readonly string[] ShellVariables =
        ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TERM", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BinRunProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The variables a newcomer's shell would have, from this process's environment.</summary>
    public static Dictionary<string, string> ShellEnvironment() =>
        ShellVariables.Where(v => Environment.GetEnvironmentVariable(v) is not null)
            .ToDictionary(v => v, v => Environment.GetEnvironmentVariable(v)!);

    public static BinRunProcess Start(string checkout, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = checkout,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bin/run");
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Clear();
        foreach (var (k, v) in ShellEnvironment()) start.Environment[k] = v;
        foreach (var (k, v) in env) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        return new BinRunProcess(process);
    }

    /// <summary>Waits until a line of the output satisfies <paramref name="condition"/>; fails with the output when bin/run exits or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var line = Lines().FirstOrDefault(condition);
            if (line is not null) return line;
            if (_process.HasExited) Assert.Fail($"bin/run exited with {_process.ExitCode} before the expected line:\n{Output}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"bin/run did not print the expected line within {within}:\n{Output}");
            await Task.Delay(200);
        }
    }

    public IReadOnlyList<string> Lines() => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>SIGTERM, as an operator or a supervisor stops it; returns bin/run's exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var cancel = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var cancel = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
            if (!_process.WaitForExit(60_000)) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
