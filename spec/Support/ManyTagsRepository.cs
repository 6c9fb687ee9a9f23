using System.Diagnostics;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A bare repository with thousands of tags made in a second by `git fast-import`: commit i (a minute after commit
/// i-1) has a go.mod for the module and is tagged <see cref="TagName"/>(i); every <see cref="AnnotatedEvery"/>-th
/// tag is annotated. Refs are packed, as a large real repository's are, and HEAD is main.
/// </summary>
public static class ManyTagsRepository
{
    public const int AnnotatedEvery = 7;

    public static readonly DateTimeOffset Epoch = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static string TagName(int i) => $"v1.{i / 100}.{i % 100}";

    public static DateTimeOffset TimeOf(int i) => Epoch.AddMinutes(i);

    public static string MessageOf(int i) => $"release {TagName(i)}";

    /// <summary>A project (see <see cref="ProjectFactory"/>) whose repository has <paramref name="tags"/> tags of its root module.</summary>
    public static async Task<Project> CreateProjectAsync(IServiceProvider services, User owner, string path, Namespace ns, int tags, Visibility visibility)
    {
        var project = await ProjectFactory.CreateProjectAsync(services, owner, path, ns, visibility);
        await FillAsync(RepositoryOf(services, project), services.GetRequiredService<ProjectUrls>().ModulePath(project), tags);
        return project;
    }

    public static string RepositoryOf(IServiceProvider services, Project project) =>
        services.GetRequiredService<RepositoryStorage>().PathFor(project.FullPath);

    /// <summary>Adds tags <paramref name="from"/> up to <paramref name="to"/> (exclusive) on top of main.</summary>
    public static async Task FillAsync(string bareRepository, string module, int to, int from = 0)
    {
        if (!Directory.Exists(bareRepository)) await GitAsync(null, "init", "-q", "--bare", "-b", "main", bareRepository);
        var stream = new StringBuilder();
        var gomod = $"module {module}\n\ngo 1.21\n";
        for (var i = from; i < to; i++)
        {
            var file = $"package m\n\nconst N = {i}\n";
            stream.Append($"commit refs/heads/main\nmark :{i + 1}\ncommitter Spec <spec@example.com> {TimeOf(i).ToUnixTimeSeconds()} +0000\ndata 7\nc{i:00000}\n");
            if (i == from && from > 0) stream.Append("from refs/heads/main^0\n");
            stream.Append($"M 100644 inline go.mod\ndata {Encoding.UTF8.GetByteCount(gomod)}\n{gomod}\n");
            stream.Append($"M 100644 inline n.go\ndata {Encoding.UTF8.GetByteCount(file)}\n{file}\n");
            if (i % AnnotatedEvery == 0)
                stream.Append($"tag {TagName(i)}\nfrom :{i + 1}\ntagger Spec <spec@example.com> {TimeOf(i).ToUnixTimeSeconds()} +0000\ndata {MessageOf(i).Length}\n{MessageOf(i)}\n");
            else
                stream.Append($"reset refs/tags/{TagName(i)}\nfrom :{i + 1}\n\n");
        }
        await GitAsync(stream.ToString(), "-C", bareRepository, "fast-import", "--quiet");
        await GitAsync(null, "-C", bareRepository, "symbolic-ref", "HEAD", "refs/heads/main");
        await GitAsync(null, "-C", bareRepository, "pack-refs", "--all");
    }

    private static async Task GitAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) Assert.Fail($"git {string.Join(' ', args)} failed: {await stderr}");
    }
}
