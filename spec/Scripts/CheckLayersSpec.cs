using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Scripts;

/// <summary>
/// bin/check-layers against this checkout (which must pass) and against small trees that each break one rule of
/// docs/architecture.md (each must fail, naming the file and the rule).
/// </summary>
[TestClass]
public sealed class CheckLayersSpec
{
    private string _tree = null!;

    [TestInitialize]
    public void CreateTree()
    {
        _tree = Directory.CreateTempSubdirectory("check-layers-").FullName;
        Write("lib/GitLabLite.Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("app/Controllers/Api/ThingsController.cs", "using GitLabLite.Finders.Things;\nnamespace GitLabLite.Controllers.Api;\n");
        Write("app/Presenters/Things/ThingPresenter.cs", "using GitLabLite.Models.Things;\nnamespace GitLabLite.Presenters.Things;\n");
        Write("lib/Golang/Rule.cs", "namespace GitLabLite.Golang;\n");
        Write("app/Views/Things/Show.cshtml", "@model GitLabLite.Presenters.Things.ThingPage\n");
    }

    [TestCleanup]
    public void DeleteTree() => Directory.Delete(_tree, recursive: true);

    [TestMethod]
    public async Task Run_OnThisCheckout_Passes()
    {
        var result = await RunAsync(AppProcess.RepositoryRoot);
        Assert.AreEqual(0, result.ExitCode, result.Stderr);
    }

    [TestMethod]
    public async Task Run_OnALayeredTree_Passes()
    {
        var result = await RunAsync(_tree);
        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "check-layers: ok");
    }

    [TestMethod]
    [DataRow("app/Controllers/Api/ThingsController.cs", "using GitLabLite.Repositories.Things;", "a controller uses a repository")]
    [DataRow("app/Controllers/Concerns/ThingFilter.cs", "using Dapper;", "a controller uses a repository")]
    [DataRow("app/Controllers/Web/HealthzController.cs", "public sealed class HealthzController(NpgsqlDataSource db) {}", "a controller uses a repository")]
    [DataRow("lib/Golang/Rule.cs", "using GitLabLite.Models.Things;", "lib uses app")]
    [DataRow("lib/Git/Reader.cs", "using Microsoft.AspNetCore.Http;", "lib uses app")]
    [DataRow("app/Presenters/Things/ThingPresenter.cs", "    EmptyRepo = BareRepository.IsEmpty(path),", "a presenter queries")]
    [DataRow("app/Presenters/Things/ThingPresenter.cs", "    public async Task<Thing> PresentAsync() => await finder.FindAsync();", "a presenter queries")]
    [DataRow("app/Presenters/Things/ThingPresenter.cs", "using GitLabLite.Repositories.Things;", "a presenter queries")]
    [DataRow("app/Params/CreateThingParams.cs", "using GitLabLite.Controllers.Concerns;", "params import from controllers")]
    [DataRow("app/Views/Things/Show.cshtml", "@inject GitLabLite.Finders.Things.ThingFinder Things", "a view queries")]
    public async Task Run_WithABreach_FailsNamingTheFileAndRule(string file, string line, string rule)
    {
        Append(file, line);
        var result = await RunAsync(_tree);
        Assert.AreEqual(1, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, $"{file}:");
        StringAssert.Contains(result.Stderr, rule);
    }

    [TestMethod]
    public async Task Run_WithTheBreachOnlyInAComment_Passes()
    {
        Append("app/Controllers/Api/ThingsController.cs", "    // not NpgsqlDataSource: a finder answers");
        Append("app/Presenters/Things/ThingPresenter.cs", "/// <summary>Never File.Exists: the finder knows.</summary>");
        var result = await RunAsync(_tree);
        Assert.AreEqual(0, result.ExitCode, result.Stderr);
    }

    [TestMethod]
    public async Task Run_WhenLibReferencesApp_Fails()
    {
        Write("lib/GitLabLite.Lib.csproj", "<Project><ItemGroup><ProjectReference Include=\"../app/GitLabLite.csproj\" /></ItemGroup></Project>");
        var result = await RunAsync(_tree);
        Assert.AreEqual(1, result.ExitCode);
        StringAssert.Contains(result.Stderr, "lib references app");
    }

    private Task<ProcessResult> RunAsync(string root) =>
        SpecProcess.RunAsync(Path.Combine(AppProcess.RepositoryRoot, "bin", "check-layers"), root, [root],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(60));

    private void Write(string file, string text)
    {
        var path = Path.Combine(_tree, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Append(string file, string line)
    {
        var path = Path.Combine(_tree, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, line + "\n");
    }
}
