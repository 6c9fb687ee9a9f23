using System.Diagnostics;

namespace GitLabLite.Git;

/// <summary>
/// How the app starts git for its own reads and imports: every stream redirected, arguments passed verbatim, and no
/// system or global configuration from this host, so that a server's git config cannot change what is read or
/// fetched. (Smart HTTP keeps the host's config on purpose: it is the server's git.)
/// </summary>
internal static class GitProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        return start;
    }
}
