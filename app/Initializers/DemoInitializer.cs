using GitLabLite.Services.Demo;

namespace GitLabLite.Initializers;

public static class DemoInitializer
{
    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddSingleton<SeedDemoService>();
}
