using Microsoft.Net.Http.Headers;

namespace ItaBot.Media;

/// <summary>
/// Serves a stored photo for the staff case page. No route of its own: the page maps it behind its authorization,
/// e.g. <c>group.MapGet("/cases/{number}/photos/{id}", (string id, IPhotoStore store) =&gt; PhotoResults.Serve(store, id))</c>
/// after checking the photo belongs to a case the officer may see.
/// </summary>
internal static class PhotoResults
{
    public static IResult Serve(IPhotoStore store, string id)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = store.Open(id);
        return stream is null ? Results.NotFound() : new PhotoResult(stream);
    }

    /// <summary>The JPEG with headers that keep it out of shared caches and stop browsers guessing its type.</summary>
    private sealed class PhotoResult(Stream stream) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers.ContentDisposition = "inline";
            headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
            await Results.Stream(stream, Photos.ContentType).ExecuteAsync(httpContext).ConfigureAwait(false);
        }
    }
}
