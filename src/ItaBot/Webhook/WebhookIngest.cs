using ItaBot.Line;
using System.Buffers;
using System.Text;
using System.Text.Json;
using ItaBot.Agencies;
using ItaBot.Line.Webhook;
using ItaBot.Storage;

namespace ItaBot.Webhook;

/// <summary>
/// POST /webhook (the default agency) and POST /webhook/&lt;id&gt;: verify the signature over the raw bytes with that
/// agency's channel secret, store the events durably in that agency's inbox, answer 200. Nothing here waits for dialogs
/// or the LINE API: LINE gives up after 2 seconds.
/// </summary>
internal sealed partial class WebhookIngest(
    IInboxStore inbox,
    IInboxListener processor,
    WebhookPressure pressure,
    AgencyDirectory agencies,
    ILogger<WebhookIngest> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpContext http, string agencyId = AgencyContext.DefaultId)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new BodyBuffer((int)(request.ContentLength ?? 16 * 1024) + 1);
        var length = await buffer.ReadAsync(request.Body, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        return await AcknowledgeAsync(request, buffer.Memory[..length], agencyId).ConfigureAwait(false);
    }

    private async Task<IResult> AcknowledgeAsync(HttpRequest request, ReadOnlyMemory<byte> bytes, string agencyId)
    {
        var length = bytes.Length;
        // Each agency's own secret: a body signed for another agency's channel is refused here.
        var secret = agencies.ChannelSecret(agencyId) ?? "";
        if (!WebhookSignature.IsValid(bytes.Span, request.Headers["x-line-signature"], Encoding.UTF8.GetBytes(secret)))
        {
            LogBadSignature(logger, length);
            return Results.Unauthorized();
        }

        // Only LINE's own requests count towards a flood (ProcessingOptions.FloodRequestsPerSecond): unsigned junk must
        // not be able to hold answers back.
        pressure.Arrived();

        (string? Destination, IReadOnlyList<RawWebhookEvent> Events) parsed;
        try
        {
            // Invalid UTF-8 would be stored and fail every turn; LINE redelivers what is not answered 2xx/4xx forever.
            if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
            {
                throw new JsonException("The webhook body is not UTF-8.");
            }

            parsed = WebhookEnvelope.Split(bytes);
        }
        catch (JsonException)
        {
            LogMalformed(logger, length);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The webhook body is not a LINE webhook JSON object.");
        }

        if (parsed.Events.Count > 0)
        {
            // The agency flows into the store write and into the lanes the events are handed to.
            using var agency = AgencyContext.Enter(agencyId);
            var added = await inbox.AppendAsync(parsed.Destination, parsed.Events).ConfigureAwait(false);
            processor.Enqueue(added);
        }

        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: missing or wrong X-Line-Signature ({Length} bytes)")]
    private static partial void LogBadSignature(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: signed body is not a LINE webhook JSON object ({Length} bytes)")]
    private static partial void LogMalformed(ILogger logger, int length);

    /// <summary>A pooled, growable request buffer that reads at most one byte past the limit.</summary>
    private sealed class BodyBuffer(int initialSize) : IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Clamp(initialSize, 1, MaxBodyBytes + 1));

        public ReadOnlyMemory<byte> Memory => _array;

        public async Task<int> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
        {
            var length = 0;
            while (length <= limit)
            {
                if (length == _array.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_array.Length * 2, limit + 1));
                    _array.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_array);
                    _array = bigger;
                }

                var read = await body.ReadAsync(_array.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }
}
