using System.Security.Cryptography;
using System.Text;
using ItaBot.Agencies;
using ItaBot.Staff;

namespace ItaBot.Transparency;

/// <summary>
/// The frame of every /transparency page and of the standalone HTML report: Thai, no script, no cookie, nothing from
/// elsewhere; the one stylesheet is inline (so the saved file looks the same) and allowed by its hash in the CSP.
/// </summary>
internal static class TransparencyPage
{
    public const string Path = "/transparency";

    /// <summary>The published reports' address for the agency in context.</summary>
    public static string Href => AgencyPages.Path(Path);

    /// <summary>Public statistics change at most when a compile runs; a short shared cache keeps a busy day cheap.</summary>
    public const string PublicCache = "public, max-age=300";

    /// <summary>
    /// No frame-ancestors: the pages are read-only public statistics with nothing to click that acts, so an agency website
    /// may frame them. No form may post anywhere, nothing may load but this inline stylesheet.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; style-src 'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'; img-src 'none'; form-action 'none'; base-uri 'none'";

    /// <param name="brand">The agency's name in the page header (the content pack's on the site, the snapshot's in a saved file).</param>
    /// <param name="navigation">False for the standalone file: no links back to a site it does not live on.</param>
    public static Html Document(string brand, string title, Html body, bool navigation) => Html.Of($"""
        <!doctype html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{title} – {brand}</title>
        <style>{new Html(Css)}</style>
        </head>
        <body>
        <header class="site"><span class="brand">{brand}</span>{(navigation ? Html.Of($"""<nav><a href="{Href}">รายงานทั้งหมด</a><a href="{AgencyPages.Path("/report")}">แจ้งเบาะแสการทุจริต</a></nav>""") : Html.Empty)}</header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """);

    public static IResult Result(Html document, int statusCode, string cacheControl, string? etag = null) =>
        new PageResult(Encoding.UTF8.GetBytes(document.Value), "text/html; charset=utf-8", statusCode, cacheControl, etag, null);

    public static IResult File(byte[] content, string contentType, string cacheControl, string? etag, string? contentDisposition) =>
        new PageResult(content, contentType, StatusCodes.Status200OK, cacheControl, etag, contentDisposition);

    public static void SetHeaders(HttpResponse response, string cacheControl)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = cacheControl;
    }

    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.6 "Sarabun","TH Sarabun New","Noto Sans Thai",system-ui,sans-serif;color:#1d2733;background:#f4f6f8}
        header.site{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#1f5f8b;color:#fff}
        header.site a{color:#fff}
        .brand{font-weight:700;margin-right:auto}
        nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.45rem;margin:.2rem 0 .3rem;line-height:1.35}
        h2{font-size:1.2rem;margin:1.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #1f5f8b}
        h3{font-size:1.05rem;margin:1.1rem 0 .3rem}
        .asof,.hint{color:#55606b}
        section.part{background:#fff;border:1px solid #d5dbe1;border-radius:.5rem;padding:0 1rem .6rem;margin:0 0 1rem;overflow-x:auto}
        .none{font-size:1.1rem;font-weight:700;padding:.5rem .8rem;background:#e3f4ea;color:#0b5c3b;border-radius:.35rem}
        table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}
        caption{text-align:left;font-weight:600;padding:.2rem 0}
        th,td{border:1px solid #c9d1d9;padding:.25rem .5rem;text-align:left;vertical-align:top}
        .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        thead th{background:#eef2f6}
        tfoot th,tfoot td{font-weight:700;background:#f6f8fa}
        figure{margin:.8rem 0 0}
        figcaption{font-weight:600}
        svg.chart{display:block;width:100%;max-width:45rem;height:auto}
        svg.chart text{font-family:inherit;font-size:13px;fill:#1d2733}
        ul.periods{list-style:none;padding:0;margin:0}
        ul.periods li{padding:.35rem 0;border-bottom:1px solid #e3e8ed}
        ul.periods .asof{display:block;font-size:.9rem}
        .downloads ul{margin:.2rem 0 0;padding-left:1.2rem}
        code{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
        @page{size:A4;margin:14mm 12mm}
        @media print{
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          body{background:#fff;font-size:12pt}
          nav,.downloads{display:none}
          header.site{background:none;color:#000;padding:0 0 .3rem;border-bottom:1px solid #000}
          main{max-width:none;padding:0}
          section.part{border:0;border-radius:0;padding:0;margin:0 0 .5rem;overflow:visible}
          h1,h2,h3,caption,figcaption{break-after:avoid}
          figure,tr,.none{break-inside:avoid}
          table.short{break-inside:avoid}
          thead{display:table-header-group}
          tfoot{display:table-row-group}
          a{color:#000;text-decoration:none}
        }
        """;

    private sealed class PageResult(byte[] content, string contentType, int statusCode, string cacheControl, string? etag, string? contentDisposition) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            SetHeaders(response, cacheControl);
            if (etag is not null)
            {
                response.Headers.ETag = etag;
                if (httpContext.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    return Task.CompletedTask;
                }
            }

            response.StatusCode = statusCode;
            response.ContentType = contentType;
            if (contentDisposition is not null)
            {
                response.Headers.ContentDisposition = contentDisposition;
            }

            response.ContentLength = content.Length;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
