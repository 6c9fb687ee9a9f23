using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Services.ObjectStorage;
using Npgsql;
using Polly.CircuitBreaker;
using System.Threading.RateLimiting;

namespace GitLabLite.Initializers;

public static class WebInitializer
{
    public const string CsrfHeader = "X-CSRF-Token";

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "_gitlablite_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/users/sign_in";
            o.LogoutPath = "/users/sign_out";
            // The session's lifetimes are kept by the store (idle and absolute); the cookie only names the session.
            o.SlidingExpiration = false;
        });
        services.AddOptions<UserSessionOptions>().BindConfiguration(UserSessionOptions.Section)
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteMinutes > 0, "GitLab:Sessions:IdleMinutes and AbsoluteMinutes must be positive").ValidateOnStart();
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionTicketStore, Microsoft.Extensions.Options.IOptions<UserSessionOptions>>((o, store, sessions) =>
            {
                o.SessionStore = store;
                o.ExpireTimeSpan = sessions.Value.Absolute;
            });
        // Session and anti-forgery cookies are sealed with the data-protection key ring. Behind a balancer any node
        // must open what another sealed, so the ring lives beside the repositories, which every node shares (GitLab
        // shares its secrets file across nodes the same way); a per-process ring would sign users out at random.
        services.AddDataProtection().SetApplicationName("GitLabLite");
        services.AddOptions<KeyManagementOptions>().Configure<InstanceSettings, ILoggerFactory>((o, settings, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(settings.RepositoriesPath, "+data-protection")), logs));
        services.Configure<RouteOptions>(o => o.LowercaseUrls = false);
        // The header scripts send the pages' CSRF token in (GitLab's and Rails' name); forms keep their hidden field.
        services.AddAntiforgery(o => o.HeaderName = CsrfHeader);
        // Every cookie (session, anti-forgery, flash): Secure whenever the request came over HTTPS, never readable by
        // scripts, never sent on cross-site subrequests.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddOptions<MvcOptions>().PostConfigure<IOptions<JsonOptions>>((o, json) =>
        {
            var index = o.OutputFormatters.IndexOf(o.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single());
            o.OutputFormatters[index] = new GitLabJsonOutputFormatter(json.Value.JsonSerializerOptions);
            o.Conventions.Add(new HeadLikeGetConvention());
        });
        services.AddOptions<PagesOptions>().BindConfiguration(PagesOptions.Section)
            .Validate(o => o.MaxConcurrent > 0 && o.MaxQueued >= 0, "GitLab:Pages:MaxConcurrent must be positive and MaxQueued not negative").ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PagesOptions>>((o, pages) =>
            o.AddConcurrencyLimiter(PagesOptions.Policy, l =>
            {
                l.PermitLimit = pages.Value.MaxConcurrent;
                l.QueueLimit = pages.Value.MaxQueued;
                l.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            }));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GitLabOptions>>((o, gitlab) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET believes loopback by default; here only the proxies the operator listed.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in NetworkList.Parse(gitlab.Value.TrustedProxies ?? [])) o.KnownIPNetworks.Add(network);
            // Behind several listed proxies (a CDN, then nginx) each hop is unwrapped until the first address not listed.
            o.ForwardLimit = null;
        });
        services.AddReliability();
        return services;
    }

    public static void UseWeb(this WebApplication app)
    {
        // First, so that everything after sees the client's address. Only with proxies listed: the middleware with an
        // empty list would believe any caller's X-Forwarded-For.
        if (app.Services.GetRequiredService<IOptions<GitLabOptions>>().Value.TrustedProxies is { Length: > 0 }) app.UseForwardedHeaders();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler(errors => errors.Run(WriteErrorAsync));
        app.UseStatusCodePages(NotFoundBodyAsync);
        app.UseMiddleware<MergeSlashesMiddleware>();
        // Explicitly here, after the path is final: by default routing would run first of all.
        app.UseRouting();
        app.UseCookiePolicy();
        app.UseAuthentication();
        app.UseMiddleware<AuthThrottleMiddleware>();
        app.UseMiddleware<GoGetMiddleware>();
        // Endpoints that name a policy ([EnableRateLimiting]) wait for it here; the rest pass untouched.
        app.UseRateLimiter();
    }

    /// <summary>
    /// The one place an unexpected exception becomes a response: a bare 500, or 503 with Retry-After when the
    /// database is out of reach. Details go to the log, never to the client.
    /// </summary>
    private static async Task WriteErrorAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "400 Bad Request"),
            NpgsqlException or TimeoutException or BrokenCircuitException or ObjectStoreUnavailableException => (503, "503 Service Unavailable"),
            _ => (500, "500 Internal Server Error"),
        };
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        http.Response.StatusCode = status;
        await WriteMessageAsync(http, message);
    }

    /// <summary>Gives bodiless 404/405s on /api the GitLab JSON shape.</summary>
    private static async Task NotFoundBodyAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api")) return;
        var message = http.Response.StatusCode switch
        {
            404 => "404 Not Found",
            405 => "405 Method Not Allowed",
            415 => "415 Unsupported Media Type",
            _ => $"{http.Response.StatusCode}",
        };
        await WriteMessageAsync(http, message);
    }

    private static Task WriteMessageAsync(HttpContext http, string message)
    {
        http.Response.ContentType = GitLabJsonOutputFormatter.ContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { message }));
    }
}
