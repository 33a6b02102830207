using System.Text;
using ItaBot.Staff;

namespace ItaBot.Whistleblowing;

/// <summary>
/// The public pages of the protected channel (/report…): plain HTML, no script, no cookies, nothing from elsewhere,
/// never cached, no referrer; a strict CSP that allows only this site's own stylesheet and forms.
/// </summary>
internal static class ReportPage
{
    public const string StylePath = "/report/style.css";

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Html ReportHeader = new("""<header><a class="brand" href="/report">แจ้งเบาะแสการทุจริต</a><nav><a href="/report/follow-up">ติดตามเบาะแส</a><a href="/report/manual">คู่มือการแจ้งเบาะแส</a><a href="/privacy">ความเป็นส่วนตัว</a></nav></header>""");

    /// <summary>The plain public page (no script, no cookie); <paramref name="header"/> replaces the protected channel's navigation on other public pages.</summary>
    public static IResult Render(string title, Html body, int statusCode = StatusCodes.Status200OK, Html? header = null) => new PageResult(Html.Of($"""
        <!doctype html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{title}</title>
        <link rel="stylesheet" href="{StylePath}">
        </head>
        <body>
        {header ?? ReportHeader}
        <main>
        <h1>{title}</h1>
        {body}
        </main>
        </body>
        </html>
        """), "text/html; charset=utf-8", statusCode);

    public static IResult Style() => new PageResult(new Html(Css), "text/css; charset=utf-8", StatusCodes.Status200OK);

    public static void SetHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.6 "Noto Sans Thai","Sarabun",system-ui,sans-serif;color:#1d2733;background:#f4f6f8}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#4a2a6b;color:#fff}
        header a{color:#fff}
        .brand{font-weight:700;text-decoration:none;margin-right:auto}
        nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        main{max-width:48rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;margin:.2rem 0 1rem}
        h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
        form.box,section.box{background:#fff;border:1px solid #d5dbe1;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
        label{display:block;margin:.7rem 0 .2rem;font-weight:600}
        input,textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #9aa5b1;border-radius:.35rem}
        input[type=checkbox],input[type=radio]{width:auto}
        textarea{min-height:7rem}
        .check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
        button{font:inherit;padding:.6rem 1.2rem;margin-top:1rem;border:0;border-radius:.35rem;background:#4a2a6b;color:#fff;cursor:pointer}
        .msg{padding:.6rem .8rem;border-radius:.35rem}
        .msg.error{background:#fde7e9;color:#7a1117}
        .msg.ok{background:#e3f4ea;color:#0b5c3b}
        .receipt{font-family:ui-monospace,monospace;font-size:1.6rem;letter-spacing:.08em;background:#fff4ce;padding:.6rem;border-radius:.35rem;word-break:break-all}
        .hint{color:#55606b;font-size:.9rem}
        ol.messages{padding-left:1.2rem}
        table{width:100%;border-collapse:collapse;background:#fff;margin:0 0 1rem}
        th,td{border:1px solid #d5dbe1;padding:.4rem .5rem;text-align:left;vertical-align:top}
        .text{white-space:pre-wrap;overflow-wrap:anywhere}
        @media print{header nav,form,button{display:none}header{background:none;color:#000;border-bottom:1px solid #000}header a{color:#000}body{background:#fff}
          section.box{border:0;padding:0}.receipt{background:none;border:1px solid #000}a{color:#000;text-decoration:none}}
        """;

    private sealed class PageResult(Html content, string contentType, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = contentType;
            SetHeaders(response);
            return response.WriteAsync(content.Value, Encoding.UTF8);
        }
    }
}
