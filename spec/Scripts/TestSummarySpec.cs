using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Scripts;

/// <summary>
/// bin/test-summary, the last line CI reads, on real `dotnet test` logs (spec/testdata/test-summary, captured from a
/// probe suite whose test host calls Environment.FailFast): a crashed test host is a failure, never "0 failed".
/// </summary>
[TestClass]
public sealed class TestSummarySpec
{
    [TestMethod]
    [DataRow("crashed.log", 1, "0 passed, 1 failed, 0 skipped", "The test host crashed while running CrashProbe.Probe.B_CrashesTheHost", DisplayName = "host crashed, --blame names the test")]
    [DataRow("crashed-without-blame.log", 1, "1 passed, 1 failed, 0 skipped", "The test host crashed;", DisplayName = "host crashed after a passed test")]
    [DataRow("failed.log", 1, "2 passed, 1 failed, 0 skipped", null, DisplayName = "a failed test")]
    [DataRow("passed.log", 1, "3 passed, 1 failed, 0 skipped", "dotnet test exited with 1 and reported no failed test.", DisplayName = "non-zero exit, nothing failed")]
    [DataRow("passed.log", 0, "3 passed, 0 failed, 0 skipped", null, DisplayName = "all passed")]
    [DataRow("none.log", 0, "0 passed, 1 failed, 0 skipped", "No test ran (dotnet test exited with 0).", DisplayName = "no test ran")]
    public async Task Summary_OfARunLog_CountsWhatRanAndEveryCrashAsFailed(string log, int status, string summary, string? note)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "test-summary", log);
        var result = await SpecProcess.RunAsync("bash", AppProcess.RepositoryRoot, ["bin/test-summary", path, status.ToString()],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.AreEqual(summary, lines[^1], result.Stdout + result.Stderr);
        if (note is null) Assert.HasCount(1, lines, result.Stdout);
        else StringAssert.StartsWith(lines[0], note);
        Assert.AreEqual(summary.Contains(" 0 failed") ? 0 : 1, result.ExitCode);
    }
}
