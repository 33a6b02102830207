using System.Security.Cryptography;

namespace ItaBot.Shared.Pages;

/// <summary>
/// One audience's stylesheet: a .css file beside its pages, shipped inside the assembly, served at an address that names
/// a hash of its content, so a browser may keep it for a year and a changed file is fetched at once under its new address.
/// The address stays under the audience's own path (/report/…), so a proxy that keeps no log of /report logs none of it.
/// </summary>
internal sealed class StyleSheet
{
    /// <summary>A year, never revalidated: the address changes whenever the content does.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    private StyleSheet(string url, byte[] content)
    {
        Url = url;
        Content = content;
    }

    /// <summary>E.g. /staff/style.1a2b3c4d5e6f.css.</summary>
    public string Url { get; }

    public byte[] Content { get; }

    /// <param name="resource">The embedded file's logical name (ItaBot.Css.staff.css).</param>
    /// <param name="basePath">The audience's path, e.g. /staff.</param>
    public static StyleSheet Load(string resource, string basePath)
    {
        using var stream = typeof(StyleSheet).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The stylesheet {resource} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        return new StyleSheet($"{basePath}/style.{hash}.css", content);
    }

    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Url, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = CacheControl;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(Content, "text/css; charset=utf-8");
        });
}
