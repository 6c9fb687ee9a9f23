using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// A second GitLab client, in another language and from another package registry than gitbeaker: Debian's
/// python3-gitlab (python-gitlab 3.12.0, pinned by bin/setup), unchanged, drives spec/python-gitlab/drive.py against
/// a live server through users and their admin states, tokens, nested groups, projects, members, tags and branches
/// of a pushed repository, features and pagination, asserting every answer. It checks what gitbeaker does not: the
/// exact JSON content type, a JSON content type with empty bodies on GET and DELETE, and "/features//name" paths.
/// </summary>
[TestClass]
public sealed class PythonGitlabSpec : RequestSpec
{
    // Debian's python3-gitlab installs for the system interpreter; a pyenv python3 on PATH would not see it.
    private const string Python = "/usr/bin/python3";

    [TestMethod]
    public async Task PythonGitlabClient_DrivesUsersTokensGroupsProjectsMembersRefsFeaturesAndPagination()
    {
        var (_, token) = await CreateUserWithTokenAsync("automation-admin", admin: true);
        var dir = Path.Combine(AppProcess.RepositoryRoot, "spec", "python-gitlab");
        var probe = await SpecProcess.RunAsync(Python, dir, ["-c", "import gitlab; print(gitlab.__version__)"], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, probe.ExitCode, $"python3-gitlab is missing: bin/setup installs it ({probe.Stderr})");
        Assert.AreEqual("3.12.0", probe.Stdout.Trim(), "the pinned python-gitlab version");

        var result = await SpecProcess.RunAsync(Python, dir, ["drive.py"], new Dictionary<string, string>
        {
            ["GITLAB_URL"] = LiveServer.Shared.BaseUrl,
            ["GITLAB_TOKEN"] = token,
        }, TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, result.ExitCode, $"python-gitlab script failed:\n{result.Stdout}\n{result.Stderr}");
        StringAssert.Contains(result.Stdout, "\"ok\": true");
    }
}
