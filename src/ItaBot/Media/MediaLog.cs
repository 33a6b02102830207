namespace ItaBot.Media;

/// <summary>What the media slice logs: outcomes and sizes only, never a user id or what the photo shows.</summary>
internal static partial class MediaLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Photo content still not ready after {Attempts} attempts")]
    public static partial void NotReady(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo download abandoned: longer than {MaxBytes} bytes")]
    public static partial void TooLarge(ILogger logger, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo content gone from LINE ({Status})")]
    public static partial void Gone(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo download failed: LINE unavailable ({Status})")]
    public static partial void Unavailable(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Photo download refused by LINE ({Status}): check the channel access token")]
    public static partial void Refused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo download timed out after {Timeout}")]
    public static partial void TimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo refused: {Refusal} ({Bytes} bytes)")]
    public static partial void PhotoRefused(ILogger logger, PhotoRefusal refusal, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo stored: {Width}x{Height}, {Bytes} bytes (from {OriginalBytes}), GPS {HasGps}")]
    public static partial void PhotoStored(ILogger logger, int width, int height, long bytes, long originalBytes, bool hasGps);
}
