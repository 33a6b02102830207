using System.Security.Cryptography;
using System.Text;
using ItaBot.Agencies;
using ItaBot.Shared.Pages;
using Microsoft.AspNetCore.Components;

namespace ItaBot.Transparency;

/// <summary>
/// The /transparency pages (Razor components in <see cref="Pages.PublicLayout"/>: Thai, no script, no cookie, nothing
/// from elsewhere, the stylesheet from this site) and the standalone HTML report, whose stylesheet is inline so that a
/// saved file looks the same. Pages are rendered to bytes before they are sent: length, ETag and HEAD as for the files.
/// </summary>
internal static class TransparencyPage
{
    public const string Path = "/transparency";

    public static readonly StyleSheet Style = StyleSheet.Load("ItaBot.Css.transparency.css", Path);

    /// <summary>The same stylesheet as text, for the standalone file's <c>&lt;style&gt;</c>.</summary>
    public static readonly string Css = Encoding.UTF8.GetString(Style.Content);

    /// <summary>The published reports' address for the agency in context.</summary>
    public static string Href => AgencyPages.Path(Path);

    /// <summary>Public statistics change at most when a compile runs; a short shared cache keeps a busy day cheap.</summary>
    public const string PublicCache = "public, max-age=300";

    /// <summary>
    /// No frame-ancestors: the pages are read-only public statistics with nothing to click that acts, so an agency website
    /// may frame them. No form may post anywhere, nothing may load but this site's stylesheet.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'none'; base-uri 'none'";

    /// <summary>The documents' (the standalone HTML opened in the browser among them): only the inline stylesheet, by its hash.</summary>
    public static readonly string DocumentContentSecurityPolicy =
        "default-src 'none'; style-src 'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'; img-src 'none'; form-action 'none'; base-uri 'none'";

    /// <summary>A page component with its model (the page reads it as <c>[CascadingParameter] private TModel Model</c>).</summary>
    public static IResult Page<TPage, TModel>(TModel model, int statusCode, string cacheControl, string? etag = null)
        where TPage : IComponent =>
        new PageResult(Encoding.UTF8.GetBytes(PageRenderer.Render<TPage, TModel>(model)), "text/html; charset=utf-8", statusCode, ContentSecurityPolicy, cacheControl, etag, null);

    public static IResult File(byte[] content, string contentType, string cacheControl, string? etag, string? contentDisposition) =>
        new PageResult(content, contentType, StatusCodes.Status200OK, DocumentContentSecurityPolicy, cacheControl, etag, contentDisposition);

    private static void SetHeaders(HttpResponse response, string contentSecurityPolicy, string cacheControl)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = cacheControl;
    }

    private sealed class PageResult(byte[] content, string contentType, int statusCode, string contentSecurityPolicy, string cacheControl, string? etag, string? contentDisposition) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            SetHeaders(response, contentSecurityPolicy, cacheControl);
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
