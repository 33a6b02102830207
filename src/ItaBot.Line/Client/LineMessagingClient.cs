using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ItaBot.Line.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ItaBot.Line.Client;

/// <summary>
/// <see cref="ILineMessagingClient"/> over <see cref="HttpClient"/>. Register it with
/// <see cref="LineClientServiceCollectionExtensions.AddLineMessagingClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{LineClientOptions})"/>,
/// which adds retries (429, 5xx, network, timeouts) and per-attempt timeouts. Token and hosts are read per call.
/// </summary>
public sealed partial class LineMessagingClient(HttpClient http, IOptionsMonitor<LineClientOptions> options, ILogger<LineMessagingClient> logger,
    ILineChannelToken? channelToken = null)
    : ILineMessagingClient
{
    /// <summary>Set on a request that must not be retried by the resilience pipeline (it is not idempotent).</summary>
    internal static readonly HttpRequestOptionsKey<bool> NoRetry = new("ItaBot.Line.NoRetry");

    private const int MaxMulticastRecipients = 500;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    /// <inheritdoc />
    public async Task<SentMessagesResponse> ReplyAsync(string replyToken, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToken);
        CheckMessages(messages);
        // No retry key: LINE refuses one on reply (400). And no quick retry: after a timeout the reply may have gone
        // out, and a retry refused as "Invalid reply token" would then look like an unused, expired token. The caller
        // decides, knowing what it tried before (see IsTransportFailure and IsConnectionFailure).
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/reply", "/v2/bot/message/reply")
        {
            Body = Json(new ReplyRequest(replyToken, messages)),
            AllowRetry = false,
        }, cancellationToken).ConfigureAwait(false);
        return new SentMessagesResponse(ReadSentMessages(response.Body), response.RequestId);
    }

    /// <inheritdoc />
    public Task<SentMessagesResponse> PushAsync(string to, IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default) =>
        PushAsync(to, messages, retryKey, SendOptions.None, cancellationToken);

    /// <inheritdoc />
    public async Task<SentMessagesResponse> PushAsync(string to, IReadOnlyList<Message> messages, Guid retryKey, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        ArgumentNullException.ThrowIfNull(options);
        CheckMessages(messages);
        CheckRetryKey(retryKey);
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/push", "/v2/bot/message/push")
        {
            Body = Json(new PushRequest(to, messages, options.NotificationDisabled ? true : null, options.CheckedAggregationUnits())),
            RetryKey = retryKey,
            AcceptConflict = true,
        }, cancellationToken).ConfigureAwait(false);
        return new SentMessagesResponse(ReadSentMessages(response.Body), response.RequestId, response.Status == HttpStatusCode.Conflict);
    }

    /// <inheritdoc />
    public async Task<SentMessagesResponse> ReplyJsonAsync(string replyToken, string messagesJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToken);
        // As ReplyAsync: no retry key, no quick retry.
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/reply", "/v2/bot/message/reply")
        {
            Body = JsonWithMessages("replyToken", replyToken, messagesJson),
            AllowRetry = false,
        }, cancellationToken).ConfigureAwait(false);
        return new SentMessagesResponse(ReadSentMessages(response.Body), response.RequestId);
    }

    /// <inheritdoc />
    public async Task<SentMessagesResponse> PushJsonAsync(string to, string messagesJson, Guid retryKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        CheckRetryKey(retryKey);
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/push", "/v2/bot/message/push")
        {
            Body = JsonWithMessages("to", to, messagesJson),
            RetryKey = retryKey,
            AcceptConflict = true,
        }, cancellationToken).ConfigureAwait(false);
        return new SentMessagesResponse(ReadSentMessages(response.Body), response.RequestId, response.Status == HttpStatusCode.Conflict);
    }

    /// <inheritdoc />
    public Task MulticastAsync(IReadOnlyList<string> to, IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default) =>
        MulticastAsync(to, messages, retryKey, SendOptions.None, cancellationToken);

    /// <inheritdoc />
    public async Task MulticastAsync(IReadOnlyList<string> to, IReadOnlyList<Message> messages, Guid retryKey, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(options);
        if (to.Count is 0 or > MaxMulticastRecipients)
        {
            throw new ArgumentException($"Multicast takes 1 to {MaxMulticastRecipients} user ids; got {to.Count}.", nameof(to));
        }

        CheckMessages(messages);
        CheckRetryKey(retryKey);
        await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/multicast", "/v2/bot/message/multicast")
        {
            Body = Json(new MulticastRequest(to, messages, options.NotificationDisabled ? true : null, options.CheckedAggregationUnits())),
            RetryKey = retryKey,
            AcceptConflict = true,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Api, $"v2/bot/profile/{Escape(userId)}", "/v2/bot/profile/{userId}"),
            cancellationToken).ConfigureAwait(false);
        return Deserialize<UserProfile>(response);
    }

    /// <inheritdoc />
    public Task<MessageContent> GetMessageContentAsync(string messageId, CancellationToken cancellationToken = default) =>
        GetMessageContentAsync(messageId, long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public async Task<MessageContent> GetMessageContentAsync(string messageId, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Data, $"v2/bot/message/{Escape(messageId)}/content", "/v2/bot/message/{messageId}/content")
            {
                MaxResponseBytes = maxBytes == long.MaxValue ? null : maxBytes,
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.Accepted)
        {
            throw new LineContentNotReadyException(messageId);
        }

        return new MessageContent(response.Body, response.ContentType ?? "application/octet-stream");
    }

    /// <inheritdoc />
    public async Task ShowLoadingAnimationAsync(string chatId, int loadingSeconds = 20, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        if (loadingSeconds is < 5 or > 60 || loadingSeconds % 5 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(loadingSeconds), loadingSeconds, "LINE accepts 5 to 60 seconds in steps of 5.");
        }

        await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/chat/loading/start", "/v2/bot/chat/loading/start")
        {
            Body = Json(new LoadingRequest(chatId, loadingSeconds)),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> CreateRichMenuAsync(RichMenu richMenu, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(richMenu);
        // Not idempotent: a retry after a lost answer would leave a second menu behind (1,000 per account).
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/richmenu", "/v2/bot/richmenu")
        {
            Body = Json(richMenu),
            AllowRetry = false,
        }, cancellationToken).ConfigureAwait(false);
        var id = Deserialize<RichMenuIdResponse>(response).RichMenuId;
        return string.IsNullOrEmpty(id) ? throw new LineApiException(response.Status, "The answer has no richMenuId.", [], response.RequestId) : id;
    }

    /// <inheritdoc />
    public async Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        if (contentType is not ("image/png" or "image/jpeg"))
        {
            throw new ArgumentException("A rich-menu image is image/png or image/jpeg.", nameof(contentType));
        }

        if (image.IsEmpty)
        {
            throw new ArgumentException("The rich-menu image is empty.", nameof(image));
        }

        await SendAsync(new LineRequest(HttpMethod.Post, Host.Data, $"v2/bot/richmenu/{Escape(richMenuId)}/content", "/v2/bot/richmenu/{richMenuId}/content")
        {
            Body = image.ToArray(),
            ContentType = new MediaTypeHeaderValue(contentType),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return SendAsync(
            new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/user/all/richmenu/{Escape(richMenuId)}", "/v2/bot/user/all/richmenu/{richMenuId}"),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return SendAsync(
            new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/user/{Escape(userId)}/richmenu/{Escape(richMenuId)}", "/v2/bot/user/{userId}/richmenu/{richMenuId}"),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuAliasId);
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/richmenu/alias", "/v2/bot/richmenu/alias")
        {
            Body = Json(new RichMenuAliasRequest(richMenuAliasId, richMenuId)),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BotInfo> GetBotInfoAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(new LineRequest(HttpMethod.Get, Host.Api, "v2/bot/info", "/v2/bot/info"), cancellationToken).ConfigureAwait(false);
        return Deserialize<BotInfo>(response);
    }

    /// <inheritdoc />
    public async Task<MessageQuota> GetMessageQuotaAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(new LineRequest(HttpMethod.Get, Host.Api, "v2/bot/message/quota", "/v2/bot/message/quota"), cancellationToken)
            .ConfigureAwait(false);
        return Deserialize<MessageQuota>(response);
    }

    /// <inheritdoc />
    public async Task<long> GetMessageQuotaConsumptionAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Api, "v2/bot/message/quota/consumption", "/v2/bot/message/quota/consumption"),
            cancellationToken).ConfigureAwait(false);
        return Deserialize<QuotaConsumptionResponse>(response).TotalUsage;
    }

    private async Task<LineResponse> SendAsync(LineRequest request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var token = channelToken?.ChannelAccessToken is { Length: > 0 } chosen ? chosen : current.ChannelAccessToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException("ItaBot:Line:ChannelAccessToken is not set.");
        }

        var method = request.Method.Method;
        using var message = new HttpRequestMessage(request.Method, Combine(request.Host == Host.Data ? current.DataApiBaseUrl : current.ApiBaseUrl, request.Path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.RetryKey is { } retryKey)
        {
            // On the message itself, so every retry of this message carries the same key.
            message.Headers.Add("X-Line-Retry-Key", retryKey.ToString("D"));
        }

        if (request.DeliveryTag is { } tag)
        {
            message.Headers.Add("X-Line-Delivery-Tag", tag);
        }

        if (!request.AllowRetry)
        {
            message.Options.Set(NoRetry, true);
        }

        if (request.Body is { } body)
        {
            // Bytes, not a stream: every attempt sends exactly the same body.
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = request.ContentType ?? JsonMediaType;
        }

        HttpResponseMessage response;
        try
        {
            // With a size cap only the headers are awaited here; the body is then read up to the cap and no further.
            var completion = request.MaxResponseBytes is null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
            response = await http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LineClientLog.TransportFailed(logger, method, request.PathTemplate, ex.HttpRequestError.ToString());
            throw new LineApiException($"LINE {method} {request.PathTemplate} could not be completed: {ex.HttpRequestError}.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            LineClientLog.TransportFailed(logger, method, request.PathTemplate, "timeout");
            throw new LineApiException($"LINE {method} {request.PathTemplate} timed out.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LineClientLog.TransportFailed(logger, method, request.PathTemplate, "timeout");
            throw new LineApiException($"LINE {method} {request.PathTemplate} timed out.", ex);
        }

        using (response)
        {
            var bytes = request.MaxResponseBytes is { } max
                ? await ReadBoundedAsync(response.Content, max, cancellationToken).ConfigureAwait(false)
                : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var result = new LineResponse(
                response.StatusCode,
                bytes,
                response.Content.Headers.ContentType?.ToString(),
                Header(response, "X-Line-Request-Id"),
                Header(response, "X-Line-Accepted-Request-Id"));

            if (response.IsSuccessStatusCode)
            {
                LineClientLog.Answered(logger, method, request.PathTemplate, (int)response.StatusCode, result.RequestId);
                return result;
            }

            if (response.StatusCode == HttpStatusCode.Conflict && request.AcceptConflict)
            {
                LineClientLog.AlreadyAccepted(logger, method, request.PathTemplate, result.RequestId, result.AcceptedRequestId);
                return result;
            }

            LineClientLog.Failed(logger, method, request.PathTemplate, response.StatusCode, result.RequestId);
            throw ToException(result);
        }
    }

    /// <summary>Reads a body of at most <paramref name="max"/> bytes; throws as soon as it is known to be longer.</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, long max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > max)
        {
            throw new LineContentTooLargeException(max);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)Math.Min(content.Headers.ContentLength ?? 64 * 1024, 1024 * 1024));
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    throw new LineContentTooLargeException(max);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>LINE's error body → exception; a body that is not LINE's JSON (a proxy's HTML page) is kept short.</summary>
    internal static LineApiException ToException(LineResponse response)
    {
        string? lineMessage = null;
        var details = new List<LineErrorDetail>();
        IReadOnlyList<SentMessage>? sent = null;
        if (TryParseObject(response.Body) is { } root)
        {
            using (root)
            {
                var e = root.RootElement;
                lineMessage = Str(e, "message");
                if (e.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in d.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            details.Add(new LineErrorDetail(Str(item, "message"), Str(item, "property")));
                        }
                    }
                }

                sent = e.TryGetProperty("sentMessages", out _) ? ReadSentMessages(e) : null;
            }
        }
        else if (response.Body.Length > 0)
        {
            lineMessage = Snippet(response.Body);
        }

        return new LineApiException(response.Status, lineMessage, details, response.RequestId, response.AcceptedRequestId, sent);
    }

    private static List<SentMessage> ReadSentMessages(byte[] body)
    {
        using var document = TryParseObject(body);
        return document is null ? [] : ReadSentMessages(document.RootElement);
    }

    private static List<SentMessage> ReadSentMessages(JsonElement root)
    {
        var list = new List<SentMessage>();
        if (root.TryGetProperty("sentMessages", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Str(item, "id") is { } id)
                {
                    list.Add(new SentMessage(id, Str(item, "quoteToken")));
                }
            }
        }

        return list;
    }

    private static JsonDocument? TryParseObject(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(byte[] body)
    {
        const int Max = 200;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, Max * 4));
        var builder = new StringBuilder(Max);
        foreach (var c in text)
        {
            if (builder.Length == Max)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>Ids as strings even if LINE ever sends them as numbers: message ids exceed 2^53.</summary>
    private static string? Str(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static T Deserialize<T>(LineResponse response)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, LineJson.Options)
                ?? throw new JsonException("The answer is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new LineApiException($"LINE answered {(int)response.Status} with a body that is not the expected JSON (request id {response.RequestId}).", ex);
        }
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, LineJson.Options);

    /// <summary>
    /// <c>{"name":"value","messages":[…]}</c> in one exactly sized array, the messages copied as they are: the body of a
    /// reply or push whose messages were serialised once, when the answer was made.
    /// </summary>
    private static byte[] JsonWithMessages(string name, string value, string messagesJson)
    {
        var json = messagesJson.AsSpan().Trim();
        if (json.Length < 2 || json[0] != '[' || json[^1] != ']')
        {
            throw new ArgumentException("The messages must be a JSON array of LINE message objects.", nameof(messagesJson));
        }

        var encoded = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        ReadOnlySpan<byte> open = "{\""u8, between = "\":\""u8, messages = "\",\"messages\":"u8, close = "}"u8;
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var body = new byte[open.Length + nameLength + between.Length + encoded.Length + messages.Length + Encoding.UTF8.GetByteCount(json) + close.Length];
        var at = body.AsSpan();
        open.CopyTo(at);
        at = at[open.Length..];
        at = at[Encoding.UTF8.GetBytes(name, at)..];
        between.CopyTo(at);
        at = at[between.Length..];
        encoded.CopyTo(at);
        at = at[encoded.Length..];
        messages.CopyTo(at);
        at = at[messages.Length..];
        at = at[Encoding.UTF8.GetBytes(json, at)..];
        close.CopyTo(at);
        return body;
    }

    /// <summary>LINE drops the whole request for one broken limit; fail here instead, naming the field.</summary>
    private static void CheckMessages(IReadOnlyList<Message> messages) => MessageValidator.Validate(messages);

    private static void CheckRetryKey(Guid retryKey)
    {
        if (retryKey == Guid.Empty)
        {
            throw new ArgumentException("A retry key must be a fresh UUID, stored with the outgoing job and reused on its retries.", nameof(retryKey));
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Keeps any path of the base URL (a simulator may serve LINE under <c>/line/</c>).</summary>
    internal static Uri Combine(Uri baseUrl, string relativePath)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), relativePath);
    }

    private enum Host
    {
        Api,
        Data,
    }

    private sealed record LineRequest(HttpMethod Method, Host Host, string Path, string PathTemplate)
    {
        public byte[]? Body { get; init; }

        public MediaTypeHeaderValue? ContentType { get; init; }

        public Guid? RetryKey { get; init; }

        /// <summary>LINE notification messages: the tag LINE hands back in the delivery completion webhook.</summary>
        public string? DeliveryTag { get; init; }

        /// <summary>409 answers "this retry key was accepted before": success for push and multicast.</summary>
        public bool AcceptConflict { get; init; }

        public bool AllowRetry { get; init; } = true;

        /// <summary>Longest body accepted; null reads the whole body.</summary>
        public long? MaxResponseBytes { get; init; }
    }

    private sealed record ReplyRequest(string ReplyToken, IReadOnlyList<Message> Messages);

    private sealed record PushRequest(
        string To,
        IReadOnlyList<Message> Messages,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NotificationDisabled,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CustomAggregationUnits);

    private sealed record MulticastRequest(
        IReadOnlyList<string> To,
        IReadOnlyList<Message> Messages,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NotificationDisabled,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CustomAggregationUnits);

    private sealed record LoadingRequest(string ChatId, int LoadingSeconds);

    private sealed record RichMenuAliasRequest(string RichMenuAliasId, string RichMenuId);

    private sealed record RichMenuIdResponse(string? RichMenuId);

    private sealed record QuotaConsumptionResponse(long TotalUsage);
}

/// <summary>One answer from LINE, read in full.</summary>
internal sealed record LineResponse(HttpStatusCode Status, byte[] Body, string? ContentType, string? RequestId, string? AcceptedRequestId);
