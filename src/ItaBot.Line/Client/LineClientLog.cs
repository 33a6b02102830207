using System.Net;
using Microsoft.Extensions.Logging;

namespace ItaBot.Line.Client;

/// <summary>What the client logs: the path template, status and request id. Never a token, user id or message text.</summary>
internal static partial class LineClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "LINE {Method} {Path} answered {Status} (request id {RequestId})")]
    public static partial void Answered(ILogger logger, string method, string path, int status, string? requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "LINE {Method} {Path} failed with {Status} (request id {RequestId})")]
    public static partial void Failed(ILogger logger, string method, string path, HttpStatusCode status, string? requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "LINE {Method} {Path} answered 409: retry key already accepted (request id {RequestId}, accepted request id {AcceptedRequestId})")]
    public static partial void AlreadyAccepted(ILogger logger, string method, string path, string? requestId, string? acceptedRequestId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "LINE {Method} {Path} could not be completed: {Reason}")]
    public static partial void TransportFailed(ILogger logger, string method, string path, string reason);
}
