namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    private void MapContent(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/message/{messageId}/content", Authorized(GetContentAsync));
        app.MapGet("/v2/bot/message/{messageId}/content/preview", Authorized(GetContentAsync));
        app.MapGet("/v2/bot/message/{messageId}/content/transcoding", Authorized(GetTranscoding));
    }

    /// <summary>Content a user sent; LINE answers 202 (still preparing) to the first <paramref name="notReadyFor"/> downloads.</summary>
    public void AddContent(string messageId, byte[] data, string contentType, int notReadyFor = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            _content[messageId] = new StandInContent(data, contentType) { NotReadyFor = notReadyFor };
        }
    }

    /// <summary>The content is gone (the user unsent it, or LINE's retention passed): downloads answer 410.</summary>
    public void ExpireContent(string messageId)
    {
        lock (_gate)
        {
            _content[messageId] = new StandInContent([], "application/octet-stream") { Gone = true };
        }
    }

    /// <summary>The content added for <paramref name="messageId"/>, or null.</summary>
    public StandInContent? GetContent(string messageId)
    {
        lock (_gate)
        {
            return _content.GetValueOrDefault(messageId);
        }
    }

    private async Task GetContentAsync(HttpContext context)
    {
        var messageId = (string)context.GetRouteValue("messageId")!;
        var failWith = 0;
        lock (_gate)
        {
            // FailNext applies to downloads too: a LINE outage hits the data host as well.
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                _counts.InjectedFailures++;
                failWith = _failureStatus;
            }
        }

        if (failWith != 0)
        {
            await WriteAsync(context, failWith, new { message = FailureMessage(failWith) }).ConfigureAwait(false);
            return;
        }

        var content = GetContent(messageId);
        if (content is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        if (content.Gone)
        {
            await WriteAsync(context, 410, new { message = "Gone" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            if (content.NotReadyFor > 0)
            {
                _content[messageId] = content with { NotReadyFor = content.NotReadyFor - 1 };
                context.Response.StatusCode = 202;
                return;
            }
        }

        context.Response.ContentType = content.ContentType;
        await context.Response.Body.WriteAsync(content.Data, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Whether a video or audio is ready: <c>processing</c> while downloads would still answer 202.</summary>
    private Task GetTranscoding(HttpContext context)
    {
        var content = GetContent((string)context.GetRouteValue("messageId")!);
        return content is null || content.Gone
            ? WriteAsync(context, 404, new { message = "Not found" })
            : WriteAsync(context, 200, new { status = content.NotReadyFor > 0 ? "processing" : "succeeded" });
    }
}
