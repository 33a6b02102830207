using ItaBot.Shared.Pages;
using ItaBot.Whistleblowing.Pages;
using Microsoft.AspNetCore.Components;

namespace ItaBot.Whistleblowing;

/// <summary>
/// The public pages of the protected channel (/report…): plain HTML, no script, no cookies, nothing from elsewhere,
/// never cached, no referrer; a strict CSP that allows only this site's own stylesheet and forms.
/// </summary>
internal static class ReportPage
{
    public static readonly StyleSheet Style = StyleSheet.Load("ItaBot.Css.report.css", "/report");

    public static string StylePath => Style.Url;

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A page component with its model (the page reads it as <c>[CascadingParameter] private TModel Model</c>).</summary>
    public static IResult Page<TPage, TModel>(TModel model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent => PageResults.Page<TPage, TModel>(model, statusCode, SetHeaders);

    public static void SetHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
