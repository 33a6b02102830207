using System.Net;
using ItaBot.Line.Client;
using Microsoft.Extensions.Options;

namespace ItaBot.Media;

/// <summary>The bytes of a photo, or why there are none.</summary>
internal sealed record DownloadResult(byte[]? Data, PhotoRefusal? Refusal)
{
    public static DownloadResult Failed(PhotoRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Fetches what a citizen sent from LINE's data API at once (LINE deletes content after a while), never more than
/// ItaBot:Media:MaxBytes. A 202 ("still preparing") is asked again a few times after a short wait; every other
/// failure becomes a typed result, never an exception (cancellation by the caller excepted).
/// </summary>
internal sealed class PhotoDownloader(ILineMessagingClient line, IOptions<MediaOptions> options, TimeProvider time, ILogger<PhotoDownloader> logger)
{
    private readonly MediaOptions _options = options.Value;

    public async Task<DownloadResult> DownloadAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        using var timeout = new CancellationTokenSource(_options.DownloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var content = await line.GetMessageContentAsync(messageId, _options.MaxBytes, linked.Token).ConfigureAwait(false);
                return new DownloadResult(content.Data, null);
            }
            catch (LineContentNotReadyException)
            {
                if (attempt >= _options.NotReadyRetries)
                {
                    MediaLog.NotReady(logger, attempt + 1);
                    return DownloadResult.Failed(PhotoRefusal.NotReady);
                }
            }
            catch (LineContentTooLargeException)
            {
                MediaLog.TooLarge(logger, _options.MaxBytes);
                return DownloadResult.Failed(PhotoRefusal.TooLarge);
            }
            catch (LineApiException ex) when (ex.StatusCode is HttpStatusCode.Gone or HttpStatusCode.NotFound)
            {
                MediaLog.Gone(logger, (int)ex.StatusCode);
                return DownloadResult.Failed(PhotoRefusal.Gone);
            }
            catch (LineApiException ex)
            {
                // Not transient (401, 403, 400) is our configuration, not the citizen's photo: logged as an error.
                if (ex.IsTransient)
                {
                    MediaLog.Unavailable(logger, (int)ex.StatusCode);
                }
                else
                {
                    MediaLog.Refused(logger, (int)ex.StatusCode);
                }

                return DownloadResult.Failed(PhotoRefusal.Unavailable);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                MediaLog.TimedOut(logger, _options.DownloadTimeout);
                return DownloadResult.Failed(PhotoRefusal.Unavailable);
            }
            catch (IOException)
            {
                // The connection broke while the body streamed in.
                MediaLog.Unavailable(logger, 0);
                return DownloadResult.Failed(PhotoRefusal.Unavailable);
            }
            catch (HttpRequestException)
            {
                MediaLog.Unavailable(logger, 0);
                return DownloadResult.Failed(PhotoRefusal.Unavailable);
            }

            try
            {
                await Task.Delay(_options.NotReadyDelay, time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return DownloadResult.Failed(PhotoRefusal.NotReady);
            }
        }
    }
}
