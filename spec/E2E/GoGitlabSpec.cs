using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// A third GitLab client, the one Go teams script with: go-gitlab 0.73.1 (github.com/xanzy/go-gitlab, Debian's
/// golang-github-xanzy-go-gitlab-dev, pinned by bin/setup), unchanged, built in GOPATH mode and run as
/// spec/go-gitlab/drive.go against a live server through users and their admin states, tokens, nested groups,
/// projects, members, tags and branches of a pushed repository, features, packages and pagination. Unlike the
/// JavaScript and Python clients it decodes each answer into typed structs, so a field of the wrong JSON type fails.
/// </summary>
[TestClass]
public sealed class GoGitlabSpec : RequestSpec
{
    [TestMethod]
    public async Task GoGitlabClient_DrivesUsersTokensGroupsProjectsMembersRefsFeaturesAndPagination()
    {
        var (_, token) = await CreateUserWithTokenAsync("go-automation-admin", admin: true);
        var root = AppProcess.RepositoryRoot;
        var binary = Path.Combine(Path.GetTempPath(), $"go-gitlab-drive-{Guid.NewGuid():N}");
        try
        {
            var build = await SpecProcess.RunAsync("go", root, ["build", "-o", binary, "./spec/go-gitlab"], new Dictionary<string, string>
            {
                ["GO111MODULE"] = "off",
                ["GOPATH"] = "/usr/share/gocode",
                ["GOFLAGS"] = "",
                ["GOPROXY"] = "off",
                ["GOCACHE"] = Path.Combine(root, "tmp", "gocache"),
            }, TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, build.ExitCode, $"building the go-gitlab driver (bin/setup installs golang-github-xanzy-go-gitlab-dev):\n{build.Stderr}");

            var result = await SpecProcess.RunAsync(binary, root, [], new Dictionary<string, string>
            {
                ["GITLAB_URL"] = LiveServer.Shared.BaseUrl,
                ["GITLAB_TOKEN"] = token,
            }, TimeSpan.FromMinutes(3));
            Assert.AreEqual(0, result.ExitCode, $"go-gitlab driver failed:\n{result.Stdout}\n{result.Stderr}");
            StringAssert.Contains(result.Stdout, "\"ok\":true");
        }
        finally
        {
            File.Delete(binary);
        }
    }
}
