using System.Collections.Concurrent;
using ItaBot.Line.Client;
using ItaBot.LineChannel;
using Microsoft.Extensions.Options;

namespace ItaBot.Conversations;

/// <summary>
/// Delivers one outbox entry exactly once, retrying until LINE has it.
/// <list type="bullet">
/// <item>A young reply token is used first (replies are free). A token LINE refuses falls back to a push.</item>
/// <item>Pushes carry the entry's fixed X-Line-Retry-Key on every attempt; a 409 for it means already delivered.</item>
/// <item>429, 5xx and no answer are retried with backoff for as long as it takes; other 4xx park the entry.</item>
/// <item>A push LINE refuses for the month (or any push while <see cref="LineQuota.PushesRefused"/>) is held: the entry
/// stays pending, its lane goes on, and <see cref="HeldReleased"/> hands it back once the quota has room.</item>
/// <item>An entry found pending at start may have been replied to just before a crash, and a reply whose answer never
/// came (a timeout) may have gone out too. If such an entry's still-young token is then refused, the token was used by
/// that lost attempt: the entry counts as delivered ("reply-assumed") rather than being pushed a second time.</item>
/// </list>
/// </summary>
internal sealed partial class OutboxSender(
    ILineMessagingClient line,
    IOutboxStore outbox,
    IOptions<ProcessingOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    LineQuota quota)
{
    private readonly ProcessingOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private int _subscribed;

    /// <summary>Held entries (id, lane key), handed back when LINE's quota has room again; each once.</summary>
    public event Action<IReadOnlyList<(string Id, string LaneKey)>>? HeldReleased
    {
        add
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            {
                quota.PushesAllowed += Release;
            }

            _heldReleased += value;
        }

        remove => _heldReleased -= value;
    }

    private Action<IReadOnlyList<(string Id, string LaneKey)>>? _heldReleased;

    /// <summary>Whether pushes are held now (LINE refused them for the month): sends that need one would only be held again.</summary>
    public bool PushesHeld => quota.PushesRefused;

    /// <summary>
    /// Delivers <paramref name="entry"/>: completes as soon as LINE has the messages (or the entry is parked) and returns
    /// the store write that records it, still to be committed. The messages go out as the entry's stored JSON, serialised
    /// once when the answer was made (and checked against LINE's limits then).
    /// A caller may go on to its next send meanwhile, so that the record shares a commit with the next turn: if the
    /// process dies before it commits, the entry is found pending at start and its reply is not sent twice (a refused
    /// token counts as delivered, a push's retry key is answered 409), as with a crash right after any send.
    /// </summary>
    public async Task<Task> SendAsync(OutboxEntry entry, bool replyMaybeUsed, CancellationToken stopping)
    {
        var replyRefused = false;
        while (true)
        {
            entry.Attempts++;
            var outcome = await TryOnceAsync(entry, replyMaybeUsed, replyRefused, stopping).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case OutcomeKind.Sent:
                    return outbox.MarkSentAsync(entry, outcome.Detail);
                case OutcomeKind.Park:
                    LogParked(logger, entry.Id, outcome.Detail);
                    return outbox.MarkParkedAsync(entry, outcome.Detail);
                case OutcomeKind.Held:
                    _held[entry.Id] = entry.LaneKey;
                    quota.Hold("outbox:" + entry.Id);
                    LogHeld(logger, entry.Id);
                    return Task.CompletedTask;
                case OutcomeKind.ReplyRefused:
                    replyRefused = true;
                    continue;
                case OutcomeKind.RetryReplyMaybeUsed:
                    replyMaybeUsed = true;
                    goto default;
                default:
                    var delay = _options.DelayFor(entry.Attempts);
                    LogRetry(logger, entry.Id, entry.Attempts, outcome.Detail, delay);
                    await Task.Delay(delay, time, stopping).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task<Outcome> TryOnceAsync(OutboxEntry entry, bool replyMaybeUsed, bool replyRefused, CancellationToken stopping)
    {
        var replying = entry.ReplyToken is not null && !replyRefused && TokenAge(entry) < TimeSpan.FromSeconds(_options.ReplyWindowSeconds);
        try
        {
            if (replying)
            {
                await line.ReplyJsonAsync(entry.ReplyToken!, entry.MessagesJson, stopping).ConfigureAwait(false);
                return new(OutcomeKind.Sent, "reply");
            }

            if (entry.To is null)
            {
                return new(OutcomeKind.Park, "The reply token is no longer usable and there is no recipient to push to.");
            }

            if (quota.PushesRefused)
            {
                return new(OutcomeKind.Held, "monthly limit");   // not even tried: LINE would refuse it too
            }

            await line.PushJsonAsync(entry.To, entry.MessagesJson, entry.RetryKey, stopping).ConfigureAwait(false);
            return new(OutcomeKind.Sent, "push");
        }
        catch (LineApiException ex) when (replying && ex.IsInvalidReplyToken)
        {
            return replyMaybeUsed ? new(OutcomeKind.Sent, "reply-assumed") : new(OutcomeKind.ReplyRefused, "reply token refused");
        }
        catch (LineApiException ex) when (replying && ex.IsTransportFailure && !ex.IsConnectionFailure)
        {
            // LINE may have acted on this reply before the answer was lost.
            return new(OutcomeKind.RetryReplyMaybeUsed, "no answer from LINE to a reply");
        }
        catch (LineApiException ex) when (!replying && ex.IsMonthlyLimitReached)
        {
            quota.RefusedForTheMonth();
            return new(OutcomeKind.Held, "monthly limit");
        }
        catch (LineApiException ex) when (ex.IsTransient)
        {
            return new(OutcomeKind.Retry, ex.IsTransportFailure ? "no answer from LINE" : $"LINE answered {(int)ex.StatusCode}");
        }
        catch (LineApiException ex)
        {
            return new(OutcomeKind.Park, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            // Failures outside the client's own error type: retried like any other silence.
            return new(OutcomeKind.Retry, $"no answer from LINE ({ex.GetType().Name})");
        }
    }

    private TimeSpan TokenAge(OutboxEntry entry) =>
        time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(entry.EventTimestamp);

    private void Release()
    {
        var released = new List<(string, string)>();
        foreach (var id in _held.Keys)
        {
            if (_held.TryRemove(id, out var lane))
            {
                released.Add((id, lane));
            }
        }

        _heldReleased?.Invoke(released);
    }

    private enum OutcomeKind
    {
        Held,
        Sent,
        Retry,
        RetryReplyMaybeUsed,
        ReplyRefused,
        Park,
    }

    private readonly record struct Outcome(OutcomeKind Kind, string Detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {OutboxId} not delivered (attempt {Attempt}: {Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string outboxId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Send {OutboxId} held: LINE's monthly message limit is reached")]
    private static partial void LogHeld(ILogger logger, string outboxId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Send {OutboxId} parked: {Reason}")]
    private static partial void LogParked(ILogger logger, string outboxId, string reason);
}
