using Microsoft.AspNetCore.Http;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// Where one page of a list on a web page sits, and the links to its neighbours. <see cref="Param"/> is the query
/// parameter that holds this list's page number, so several lists on one page turn independently; links keep every
/// other parameter and are relative to the page, never built from the Host header.
/// </summary>
public sealed record PageLinks(string Param, int Page, int PerPage, long Total, string Anchor)
{
    public long TotalPages => Math.Max(1, (Total + PerPage - 1) / PerPage);

    public bool HasPrevious => Page > 1;

    public bool HasNext => (long)Page * PerPage < Total;

    /// <summary>Only lists longer than a page (or a page past the first) need links.</summary>
    public bool Shown => HasPrevious || HasNext;

    public string Url(IQueryCollection query, int page)
    {
        var pairs = query.Where(q => q.Key != Param).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create(Param, (string?)page.ToString()));
        return QueryString.Create(pairs).ToUriComponent() + "#" + Anchor;
    }
}
