using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace ItaBot.Staff;

/// <summary>A link on the staff home page; features add theirs (cases, reports) with the policy that may see it.</summary>
internal sealed record StaffLink(string Title, string Href, string Policy, string? Description = null);

/// <summary>A section on the staff home page that another slice draws (the LINE quota for admins), shown to those the policy lets in.</summary>
internal interface IStaffHomePanel
{
    string Policy { get; }

    Html Render(HttpContext context);
}

/// <summary>
/// The staff pages' shell: one HTML layout (Thai, phone-first, one small stylesheet, no script, nothing from elsewhere),
/// the antiforgery field every form carries, and the headers every page sends. Other slices render their pages with
/// <see cref="Render"/> so that they look alike and keep the same protections.
/// </summary>
internal static class StaffPage
{
    public const string StylePath = "/staff/style.css";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render(HttpContext context, string title, Html body, int statusCode = StatusCodes.Status200OK)
    {
        var user = context.User.Identity?.IsAuthenticated == true && context.User.Identity.AuthenticationType == StaffAccount.AuthenticationScheme
            ? context.User : null;
        var page = Html.Of($"""
            <!doctype html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · เจ้าหน้าที่</title>
            <link rel="stylesheet" href="{StylePath}">
            </head>
            <body>
            <header><a class="brand" href="/staff">ItaBot · เจ้าหน้าที่</a>{Nav(context, user)}</header>
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        return new HtmlResult(page, statusCode);
    }

    public static Html Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    /// <summary>A message box: "ok" (green), "error" (red) or "note".</summary>
    public static Html Message(string? text, string kind = "error") =>
        string.IsNullOrEmpty(text) ? Html.Empty : Html.Of($"""<p class="msg {kind}" role="status">{text}</p>""");

    public static IResult Forbidden(HttpContext context) =>
        Render(context, "ไม่มีสิทธิ์เข้าถึง", Html.Of($"""
            <p>บัญชีของคุณไม่มีสิทธิ์เปิดหน้านี้ค่ะ หากต้องใช้งาน กรุณาติดต่อผู้ดูแลระบบ</p>
            <p><a href="/staff">กลับหน้าหลัก</a></p>
            """), StatusCodes.Status403Forbidden);

    private static Html Nav(HttpContext context, ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return Html.Empty;
        }

        var cases = user.IsInRole(nameof(StaffRole.Admin)) || user.IsInRole(nameof(StaffRole.CaseOfficer))
            ? Html.Of($"""<a href="/staff/cases">เรื่องร้องเรียน</a>""")
            : Html.Empty;
        var admin = user.IsInRole(nameof(StaffRole.Admin))
            ? Html.Of($"""<a href="/staff/admin/staff">เจ้าหน้าที่</a><a href="/staff/admin/departments">หน่วยงาน</a>""")
            : Html.Empty;
        var platform = user.IsInRole(nameof(StaffRole.PlatformAdmin))
            ? Html.Of($"""<a href="/staff/agencies">หน่วยงานในระบบ</a>""")
            : Html.Empty;
        return Html.Of($"""
            <nav><a href="/staff">หน้าหลัก</a>{cases}{admin}{platform}<a href="/staff/account">{user.FindFirstValue(ClaimTypes.Name)}</a>
            <form method="post" action="/staff/signout">{Antiforgery(context)}<button class="link" type="submit">ออกจากระบบ</button></form></nav>
            """);
    }

    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 "Noto Sans Thai","Sarabun",system-ui,sans-serif;color:#1d2733;background:#f4f6f8}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#0b5c3b;color:#fff}
        header a,header button.link{color:#fff}
        .brand{font-weight:700;text-decoration:none;margin-right:auto}
        nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
        nav form{display:inline;margin:0}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;margin:.2rem 0 1rem}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        form.box,section.box{background:#fff;border:1px solid #d5dbe1;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
        label{display:block;margin:.6rem 0 .2rem;font-weight:600}
        input,select{width:100%;max-width:28rem;font:inherit;padding:.55rem;border:1px solid #9aa5b1;border-radius:.35rem}
        input[type=checkbox]{width:auto}
        .check{display:flex;gap:.5rem;align-items:center;font-weight:400}
        button{font:inherit;padding:.55rem 1.1rem;margin-top:.8rem;border:0;border-radius:.35rem;background:#0b5c3b;color:#fff;cursor:pointer}
        button.secondary{background:#55606b}
        button.danger{background:#a4262c}
        button.link{background:none;padding:0;margin:0;text-decoration:underline}
        .msg{padding:.6rem .8rem;border-radius:.35rem}
        .msg.error{background:#fde7e9;color:#7a1117}
        .msg.ok{background:#e3f4ea;color:#0b5c3b}
        .msg.note{background:#fff4ce}
        table{width:100%;border-collapse:collapse;background:#fff}
        th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e1e5ea;vertical-align:top}
        .secret,.code{font-family:ui-monospace,monospace;font-size:1.25rem;letter-spacing:.08em;word-break:break-all}
        .qr{display:block;width:220px;height:220px;image-rendering:pixelated;background:#fff}
        ul.links{padding-left:1.2rem}
        .muted{color:#55606b}
        textarea{width:100%;max-width:40rem;min-height:5rem;font:inherit;padding:.55rem;border:1px solid #9aa5b1;border-radius:.35rem}
        fieldset{border:0;padding:0;margin:0}
        .small{font-size:.85rem}
        .overdue{color:#a4262c;font-weight:700}
        .status{display:inline-block;padding:0 .45rem;border-radius:.3rem;background:#e1e5ea;white-space:nowrap}
        dl.case{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
        dl.case dt{font-weight:600}
        dl.case dd{margin:0;overflow-wrap:anywhere}
        .description,.note,.question{overflow-wrap:anywhere}
        img.thumb{width:160px;height:120px;object-fit:cover;border-radius:.35rem;margin:.2rem;background:#e1e5ea}
        ol.timeline{padding-left:1.2rem}
        ol.timeline li{margin:0 0 .7rem}
        .stars{color:#c87f0a;letter-spacing:.1em}
        @media print{header,form,button,.noprint{display:none}body,main{background:#fff}.slip{border:1px solid #000;padding:1rem}}
        @media (max-width:40rem){th.opt,td.opt{display:none}dl.case{grid-template-columns:1fr}dl.case dt{margin-top:.4rem}}
        """;

    private sealed class HtmlResult(Html page, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.CacheControl = "no-store";
            return response.WriteAsync(page.Value, Encoding.UTF8);
        }
    }
}
