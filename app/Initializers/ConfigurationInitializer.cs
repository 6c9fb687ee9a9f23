using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace GitLabLite.Initializers;

public static class ConfigurationInitializer
{
    /// <summary>
    /// config/appsettings*.json ship beside the binary; they go first among the sources so that environment
    /// variables (GitLab__Url, ConnectionStrings__Main, ...) and the command line still override them.
    /// </summary>
    public static void AddConfigFolder(this WebApplicationBuilder builder)
    {
        var files = new PhysicalFileProvider(AppContext.BaseDirectory);
        string[] names = ["appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json"];
        for (var i = names.Length - 1; i >= 0; i--)
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource { FileProvider = files, Path = names[i], Optional = i > 0, ReloadOnChange = false });
    }
}
