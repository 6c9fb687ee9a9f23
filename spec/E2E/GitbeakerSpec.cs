using System.Diagnostics;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// An existing GitLab API client, unchanged, against a live server: spec/gitbeaker/drive.mjs runs @gitbeaker/rest
/// through users, tokens, nested groups, members, projects and branches, asserting each answer.
/// </summary>
[TestClass]
public sealed class GitbeakerSpec : RequestSpec
{
    [TestMethod]
    public async Task GitbeakerClient_DrivesUsersTokensGroupsMembersAndProjects()
    {
        var (_, token) = await CreateUserWithTokenAsync("automation-admin", admin: true);
        var script = Path.Combine(SpecRoot(), "gitbeaker");
        if (!Directory.Exists(Path.Combine(script, "node_modules", "@gitbeaker")))
            Assert.Fail("spec/gitbeaker/node_modules is missing: bin/test runs `npm ci` there");
        var start = new ProcessStartInfo("node", "drive.mjs") { WorkingDirectory = script, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GITLAB_URL"] = LiveServer.Shared.BaseUrl;
        start.Environment["GITLAB_TOKEN"] = token;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        Assert.AreEqual(0, node.ExitCode, $"gitbeaker script failed:\n{await stdout}\n{await stderr}");
        StringAssert.Contains(await stdout, "\"ok\":true");
    }

    /// <summary>The spec/ folder of the checkout: the test assembly runs from spec/bin/&lt;config&gt;/net10.0.</summary>
    private static string SpecRoot() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", ".."));
}
