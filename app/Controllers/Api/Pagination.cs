using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GitLabLite.Controllers.Api;

/// <summary>GitLab's offset pagination: page / per_page query parameters and the X-* and Link headers.</summary>
public sealed class Pagination
{
    public const int MaxPerPage = 100;

    [FromQuery(Name = "page")]
    public string? PageParam { get; set; }

    [FromQuery(Name = "per_page")]
    public string? PerPageParam { get; set; }

    // GitLab clamps rather than refuses odd values: page < 1 is 1, per_page outside 1..100 is 20 or 100.
    public int Page => int.TryParse(PageParam, out var p) && p >= 1 ? Math.Min(p, 1_000_000) : 1;

    public int PerPage => int.TryParse(PerPageParam, out var n) && n >= 1 ? Math.Min(n, MaxPerPage) : 20;

    public int Offset => (Page - 1) * PerPage;

    /// <summary>This page of an already ordered list.</summary>
    public List<T> Slice<T>(IEnumerable<T> items) => items.Skip(Offset).Take(PerPage).ToList();

    /// <summary>The same page size with the page number from another parameter (a second list on one web page).</summary>
    public Pagination WithPage(string? page) => new() { PageParam = page, PerPageParam = PerPageParam };

    /// <summary>Links to this page's neighbours in a web page whose list is paged by <paramref name="param"/>.</summary>
    public PageLinks Links(long total, string anchor, string param = "page") => new(param, Page, PerPage, total, anchor);

    /// <param name="baseUrl">
    /// The configured external URL (GitLab:Url): links never take their host from the request's Host header, which
    /// any client sets, so a cache or a proxy in front can never be made to hand out links to another site.
    /// </param>
    public void WriteHeaders(HttpRequest request, HttpResponse response, long total, string baseUrl)
    {
        var totalPages = Math.Max(1, (int)((total + PerPage - 1) / PerPage));
        var headers = response.Headers;
        headers["X-Total"] = total.ToString();
        headers["X-Total-Pages"] = totalPages.ToString();
        headers["X-Page"] = Page.ToString();
        headers["X-Per-Page"] = PerPage.ToString();
        headers["X-Next-Page"] = Page < totalPages ? (Page + 1).ToString() : "";
        headers["X-Prev-Page"] = Page > 1 ? (Page - 1).ToString() : "";
        var links = new List<string>();
        if (Page > 1) links.Add(Link(request, baseUrl, Page - 1, "prev"));
        if (Page < totalPages) links.Add(Link(request, baseUrl, Page + 1, "next"));
        links.Add(Link(request, baseUrl, 1, "first"));
        links.Add(Link(request, baseUrl, totalPages, "last"));
        headers["Link"] = string.Join(", ", links);
    }

    private string Link(HttpRequest request, string baseUrl, int page, string rel)
    {
        var query = request.Query.Where(q => q.Key is not ("page" or "per_page" or "private_token"))
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString();
        query["per_page"] = PerPage.ToString();
        var url = QueryHelpers.AddQueryString($"{baseUrl}{request.Path}", query);
        return $"<{url}>; rel=\"{rel}\"";
    }
}
