using System.Text.Json;
using FluentValidation;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Initializers;

var builder = WebApplication.CreateBuilder(args);
builder.AddConfigFolder();

builder.Services.AddOptions<GitLabOptions>().BindConfiguration(GitLabOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GitLabOptions>, GitLabOptionsValidator>();
builder.Services.AddSingleton<InstanceSettings>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMonitoring();
builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddCaching();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddUsers();
builder.Services.AddProjects();
builder.Services.AddGit();
builder.Services.AddFeatures();
builder.Services.AddPackages();
builder.Services.AddObjectStorage();
builder.Services.AddPullThrough();
builder.Services.AddDemo();
builder.Services.AddWeb();
builder.Services.AddControllersWithViews(o => o.ModelBinderProviders.Insert(0, new ParamsModelBinderProvider()))
    // Bad params are answered by [ValidateParams] after the access filters, in GitLab's shape, not before them.
    .ConfigureApiBehaviorOptions(o => o.SuppressModelStateInvalidFilter = true)
    .AddJsonOptions(o =>
    {
        o.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.JsonSerializerOptions.DictionaryKeyPolicy = null;
    });

var app = builder.Build();

if (StartupCommands.CommandOrNull(args) is { } command) return await app.RunCommandAsync(command);

await app.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);

app.UseWeb();
app.MapControllers();
app.MapMonitoring();

app.Run();
return 0;

/// <summary>Entry point type, public so request specs can host the app with WebApplicationFactory.</summary>
public partial class Program;
