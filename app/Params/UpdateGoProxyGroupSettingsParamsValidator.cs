using FluentValidation;

namespace GitLabLite.Params;

public sealed class UpdateGoProxyGroupSettingsParamsValidator : AbstractValidator<UpdateGoProxyGroupSettingsParams>
{
    public UpdateGoProxyGroupSettingsParamsValidator()
    {
        RuleFor(p => p.Upstreams).NotNull().WithMessage("is missing");
        RuleForEach(p => p.Upstreams).Must(IsHttpUrl).WithMessage("must be absolute http(s) URLs without a query");
        RuleFor(p => p.Upstreams).Must(u => u is null || u.Length <= 10).WithMessage("are at most 10");
    }

    private static bool IsHttpUrl(string url) =>
        url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) &&
        string.IsNullOrEmpty(u.Query) && string.IsNullOrEmpty(u.UserInfo);
}
