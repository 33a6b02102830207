using System.Net;

namespace ItaBot.Line.Client;

/// <summary>
/// LINE refused or failed a call. Carries what LINE said, so a Flex error like
/// <c>invalid property at /footer/contents/2</c> is never hidden behind "400".
/// </summary>
/// <summary>LINE refused a call (its status, <c>message</c>, <c>details</c> and request id), or no answer came (<see cref="IsTransportFailure"/>).</summary>
public class LineApiException : Exception
{
    /// <summary>LINE answered with an error status; <paramref name="lineMessage"/> and <paramref name="details"/> are from its body.</summary>
    public LineApiException(HttpStatusCode statusCode, string? lineMessage, IReadOnlyList<LineErrorDetail> details,
        string? requestId, string? acceptedRequestId = null, IReadOnlyList<SentMessage>? sentMessages = null)
        : base(Describe(statusCode, lineMessage, details, requestId))
    {
        StatusCode = statusCode;
        LineMessage = lineMessage;
        Details = details;
        RequestId = requestId;
        AcceptedRequestId = acceptedRequestId;
        SentMessages = sentMessages ?? [];
    }

    /// <summary>The call got no answer from LINE: network failure or timeout, after the client's own retries.</summary>
    public LineApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Details = [];
        SentMessages = [];
        IsTransportFailure = true;
    }

    /// <summary>No HTTP answer at all (connection failure or timeout); <see cref="StatusCode"/> is then 0.</summary>
    public bool IsTransportFailure { get; }

    /// <summary>
    /// True when the request never reached LINE (connection refused, name not resolved): it certainly had no effect.
    /// Other transport failures (timeouts, a response cut short) leave open whether LINE acted on it.
    /// </summary>
    public bool IsConnectionFailure =>
        IsTransportFailure && InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>LINE's <c>message</c> field, e.g. "Invalid reply token". Not a contract: match on status first.</summary>
    public string? LineMessage { get; }

    /// <summary>An array of error details.</summary>
    public IReadOnlyList<LineErrorDetail> Details { get; }

    /// <summary>The <c>X-Line-Request-Id</c> of the failed call.</summary>
    public string? RequestId { get; }

    /// <summary>On a 409 retry-key conflict, the request id of the request LINE accepted earlier.</summary>
    public string? AcceptedRequestId { get; }

    /// <summary>On a 409 for a push, the messages LINE sent for the earlier request.</summary>
    public IReadOnlyList<SentMessage> SentMessages { get; }

    /// <summary>True when LINE says the reply token is expired, used or unknown (400 "Invalid reply token").</summary>
    public bool IsInvalidReplyToken =>
        StatusCode == HttpStatusCode.BadRequest
        && string.Equals(LineMessage, "Invalid reply token", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// LINE refuses pushes and multicasts for the rest of the month (429 "You have reached your monthly limit."): not an
    /// overload to retry, but a wait until the quota is raised or the month turns.
    /// </summary>
    public bool IsMonthlyLimitReached => StatusCode == HttpStatusCode.TooManyRequests && IsMonthlyLimitMessage(LineMessage);

    /// <summary>True for failures worth retrying later: 429 (except the monthly limit), 5xx, and no answer at all.</summary>
    public bool IsTransient => IsTransportFailure || (StatusCode == HttpStatusCode.TooManyRequests && !IsMonthlyLimitReached) || (int)StatusCode >= 500;

    /// <summary>LINE's words for the monthly limit (its <c>message</c> field, or a whole body holding it).</summary>
    public static bool IsMonthlyLimitMessage(string? text) =>
        text is not null && text.Contains("reached your monthly limit", StringComparison.OrdinalIgnoreCase);

    private static string Describe(HttpStatusCode status, string? message, IReadOnlyList<LineErrorDetail> details, string? requestId)
    {
        var text = $"LINE API answered {(int)status}: {message ?? "(no message)"}";
        if (details.Count > 0)
        {
            text += " [" + string.Join("; ", details.Select(d => $"{d.Property}: {d.Message}")) + "]";
        }

        return requestId is null ? text : $"{text} (request id {requestId})";
    }
}

/// <summary>One entry of LINE's <c>details[]</c>: which property was wrong and why.</summary>
public sealed record LineErrorDetail(string? Message, string? Property);

/// <summary>LINE answered 202 for content that is still being prepared (large video or audio); try again later.</summary>
public sealed class LineContentNotReadyException(string messageId)
    : Exception($"Content of message {messageId} is still being prepared by LINE.")
{
    /// <summary>The message ID of the unsent message.</summary>
    public string MessageId { get; } = messageId;
}

/// <summary>The content is longer than the caller accepts; the download was abandoned without reading the rest.</summary>
public sealed class LineContentTooLargeException(long maxBytes)
    : Exception($"The content is longer than {maxBytes} bytes.")
{
    /// <summary>The most bytes the caller was willing to read.</summary>
    public long MaxBytes { get; } = maxBytes;
}
