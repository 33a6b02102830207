using System.Collections.Concurrent;
using ItaBot.Agencies;
using ItaBot.Line;
using ItaBot.Line.Messages;
using ItaBot.Storage;
using ItaBot.Webhook;
using Microsoft.Extensions.Options;

namespace ItaBot.Conversations;

/// <summary>
/// Works the inbox: one lane per hash of the conversation, so a conversation's events run one at a time and in
/// order while different conversations run in parallel. Each event's answer is committed to the outbox together
/// with the event's completion and then delivered by <see cref="OutboxSender"/>. On start it resumes everything
/// that was not finished, outbox first.
/// <para>Where several nodes share the store (<see cref="ILaneLeases"/>, PostgreSQL), a lane is worked only under its
/// lease and from what the store holds, whichever node acknowledged the events; a sweep finds lanes with work that no
/// live node claims (a dead node's, or one stored while another node held the lane).</para>
/// </summary>
internal sealed partial class TurnProcessor : IInboxListener, IHostedService, IDisposable
{
    private readonly IInboxStore _inbox;
    private readonly IOutboxStore _outbox;
    private readonly OutboxSender _sender;
    private readonly ITurnHandler _handler;
    private readonly WebhookPressure _pressure;
    private readonly ProcessingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILaneLeases? _leases;
    private readonly AgencyDirectory? _agencies;

    /// <summary>Several nodes: lanes queued on this node and not yet started, so each is queued once (keyed by agency and lane).</summary>
    private readonly ConcurrentDictionary<string, byte> _scheduled = new(StringComparer.Ordinal);
    private readonly DeadlineLane<WorkItem>[] _lanes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _turnGate;
    private Task[] _workers = [];
    private long _backlog;
    private int _stopped;

    /// <summary>
    /// Newly stored events are handed to their lane as they are (no read back from the store) while the backlog is
    /// below this; beyond it only their ids are queued, so a long backlog costs little memory.
    /// </summary>
    private const int MaxCarriedEntries = 4096;

    /// <summary>Several nodes: events of a lane read from the store at a time.</summary>
    private const int LaneBatch = 64;

    /// <summary>Several nodes: the oldest pending events (and sends) a sweep looks at for their lanes.</summary>
    private const int SweepWindow = 1024;

    public TurnProcessor(IInboxStore inbox, IOutboxStore outbox, OutboxSender sender, ITurnHandler handler, WebhookPressure pressure,
        IOptions<ProcessingOptions> options, TimeProvider time, ILogger<TurnProcessor> logger, ILaneLeases? leases = null,
        AgencyDirectory? agencies = null)
    {
        _leases = leases;
        _agencies = agencies;
        _inbox = inbox;
        _outbox = outbox;
        _sender = sender;
        _handler = handler;
        _pressure = pressure;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _turnGate = new SemaphoreSlim(_options.MaxConcurrentTurns);
        // Answers held at LINE's monthly limit go back to their lanes once the quota has room (each entry once).
        _sender.HeldReleased += held =>
        {
            foreach (var (id, laneKey) in held)
            {
                if (_leases is not null)
                {
                    ScheduleLane(laneKey);
                }
                else
                {
                    // Held for the monthly limit: a push, whenever it goes.
                    Post(laneKey, new WorkItem(id, IsOutbox: true, ReplyMaybeUsed: true), deadline: null);
                }
            }
        };
        _lanes = new DeadlineLane<WorkItem>[_options.Lanes];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new DeadlineLane<WorkItem>(time);
        }
    }

    /// <summary>Events and sends queued in memory and not yet finished.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Hands newly stored events to their lanes. Call only after they are committed.</summary>
    public void Enqueue(IEnumerable<InboxEntry> entries)
    {
        if (_leases is not null)
        {
            // Several nodes: whichever node takes the lane's lease works it, reading the events from the store. The lane
            // goes by the reply deadline of the event that queued it (its oldest pending one on this node), as events do
            // on one node: lanes whose answers can still be replies first.
            foreach (var entry in entries)
            {
                ScheduleLane(entry.LaneKey, ReplyDeadline(entry.ReplyToken, entry.Timestamp));
            }

            return;
        }

        foreach (var entry in entries)
        {
            var carried = entry.State == InboxState.Pending && entry.Attempts == 0 && Backlog < MaxCarriedEntries ? entry : null;
            Post(entry.LaneKey, new WorkItem(entry.Id, IsOutbox: false, ReplyMaybeUsed: false, carried, Agency: AgencyContext.Captured), ReplyDeadline(entry.ReplyToken, entry.Timestamp));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_leases is { } leases)
        {
            // Several nodes: the sweep finds what is unfinished (this node's earlier leases expire like a dead node's),
            // now and every SweepInterval; another node may be working part of it at this moment.
            _workers =
            [
                .. _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane, _stopping.Token), CancellationToken.None)),
                Task.Run(() => SweepAsync(leases, _stopping.Token), CancellationToken.None),
                Task.Run(() => RenewAsync(leases, _stopping.Token), CancellationToken.None),
            ];
            return Task.CompletedTask;
        }

        // Resume before the server takes new webhooks: unsent answers first (their events are already done), then
        // unhandled events in arrival order. An answer found pending may have reached LINE just before a crash.
        var sends = _outbox.Pending();
        foreach (var send in sends)
        {
            Post(send.LaneKey, new WorkItem(send.Id, IsOutbox: true, ReplyMaybeUsed: true), ReplyDeadline(send.ReplyToken, send.EventTimestamp));
        }

        var events = _inbox.Pending();
        Enqueue(events);
        if (sends.Count + events.Count > 0)
        {
            LogResumed(_logger, events.Count, sends.Count);
        }

        _workers = [.. _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane, _stopping.Token), CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Idempotent: hosts may stop a service more than once, and after disposing it.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        foreach (var lane in _lanes)
        {
            lane.Complete();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
        }

        _turnGate.Dispose();
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }

    /// <summary>
    /// When an answer's reply token stops being usable (<see cref="ProcessingOptions.ReplyWindowSeconds"/> after its event, as
    /// <see cref="OutboxSender"/> reckons it), or null when it has none: the lane answers the earliest deadline first.
    /// </summary>
    private long? ReplyDeadline(string? replyToken, long eventTimestamp) =>
        replyToken is null ? null : eventTimestamp + (_options.ReplyWindowSeconds * 1000L);

    private void Post(string laneKey, WorkItem item, long? deadline)
    {
        Interlocked.Increment(ref _backlog);
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(laneKey) % (uint)_lanes.Length)];
        if (!lane.TryWrite(laneKey, item, deadline))
        {
            // Shutting down: the item stays pending in the store and is resumed at the next start.
            Interlocked.Decrement(ref _backlog);
        }
    }

    private async Task RunLaneAsync(DeadlineLane<WorkItem> reader, CancellationToken stopping)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                // The store write that records the item's send: the lane goes on to its next item while it waits for
                // the next commit, and the item leaves the backlog once it is committed.
                var recorded = Task.CompletedTask;
                // The item's agency for everything it does: stores, content pack, the LINE token of its channel.
                using var agency = AgencyContext.Enter(item.Agency);
                try
                {
                    if (item.IsLane)
                    {
                        await WorkLaneAsync(item.Id, stopping).ConfigureAwait(false);
                        continue;
                    }

                    await YieldToWebhooksAsync(stopping).ConfigureAwait(false);
                    if (item.IsOutbox)
                    {
                        var send = _outbox.Find(item.Id);
                        if (send is { State: OutboxState.Pending })
                        {
                            recorded = await _sender.SendAsync(send, item.ReplyMaybeUsed, stopping).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        recorded = await ProcessEventAsync(item.Id, item.Entry, stopping).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The store failed (disk full, file locked): the work stays pending and resumes at the next start.
                    LogLaneFailure(_logger, ex);
                }
                finally
                {
                    if (recorded.IsCompleted)
                    {
                        Finished(recorded);
                    }
                    else
                    {
                        _ = recorded.ContinueWith(Finished, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private Task YieldToWebhooksAsync(CancellationToken stopping) => _options.YieldToWebhooks > TimeSpan.Zero
        ? _pressure.WaitWhileFloodedAsync(_options.FloodRequestsPerSecond, _options.YieldToWebhooks, _time, stopping)
        : Task.CompletedTask;

    /// <summary>
    /// Several nodes: queues the lane (of the agency in context) on this node unless it is queued already, by
    /// <paramref name="deadline"/> (its first answer's reply deadline; null when unknown or none: after the lanes whose
    /// answers can still be replies).
    /// </summary>
    private void ScheduleLane(string lane, long? deadline = null)
    {
        var agency = AgencyContext.Captured;
        if (_scheduled.TryAdd(ScheduledKey(agency, lane), 0))
        {
            Post(lane, new WorkItem(lane, IsOutbox: false, ReplyMaybeUsed: false, IsLane: true, Agency: agency), deadline);
        }
    }

    /// <summary>One conversation of one agency (two agencies' channels may see the same LINE user id).</summary>
    private static string ScheduledKey(string? agency, string lane) => agency is null ? lane : string.Concat(agency, "\n", lane);

    /// <summary>
    /// Several nodes: works one lane under its lease, its sends left pending first, then its events in arrival order,
    /// whichever node acknowledged them. The lease goes only once what was sent is recorded, or another node would find
    /// those sends pending and send them again.
    /// </summary>
    private async Task WorkLaneAsync(string lane, CancellationToken stopping)
    {
        var leases = _leases!;
        // Unqueued before the store is read: an event stored from now on queues the lane again.
        _scheduled.TryRemove(ScheduledKey(AgencyContext.Captured, lane), out _);
        if (!await leases.TryAcquireAsync(lane, stopping).ConfigureAwait(false))
        {
            return;   // a live node works it and reads the store again before it lets go; the sweep covers the rest
        }

        var recorded = new List<Task>();
        var lastSeq = 0L;
        try
        {
            foreach (var send in _outbox.PendingInLane(lane))
            {
                if (!leases.IsHeld(lane))
                {
                    return;
                }

                await YieldToWebhooksAsync(stopping).ConfigureAwait(false);
                // Left by a node that may have sent it just before it died: a refused young token counts as delivered.
                recorded.Add(await _sender.SendAsync(send, replyMaybeUsed: true, stopping).ConfigureAwait(false));
            }

            while (true)
            {
                var events = _inbox.PendingInLane(lane, lastSeq, LaneBatch);
                if (events.Count == 0)
                {
                    break;
                }

                foreach (var entry in events)
                {
                    if (!leases.IsHeld(lane))
                    {
                        return;
                    }

                    await YieldToWebhooksAsync(stopping).ConfigureAwait(false);
                    recorded.Add(await ProcessEventAsync(entry.Id, entry, stopping).ConfigureAwait(false));
                    lastSeq = entry.Seq;
                }
            }
        }
        finally
        {
            await Task.WhenAll(recorded).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var failed in recorded.Where(r => r.IsFaulted))
            {
                LogLaneFailure(_logger, failed.Exception!.GetBaseException());
            }

            try
            {
                await leases.ReleaseAsync(lane).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Unreleased, the lease simply expires.
                LogLaneFailure(_logger, ex);
            }
        }

        // An event another node stored while this one held the lane: that node could not take the lease, so it is ours.
        if (_inbox.PendingInLane(lane, lastSeq, 1).Count > 0)
        {
            ScheduleLane(lane);
        }
    }

    /// <summary>Several nodes: queues the lanes whose oldest pending events or sends no live node claims.</summary>
    private async Task SweepAsync(ILaneLeases leases, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_agencies is { Several: true } agencies)
                {
                    await agencies.ForEachAsync(_ => SweepAgencyAsync(leases, stopping)).ConfigureAwait(false);
                }
                else
                {
                    await SweepAgencyAsync(leases, stopping).ConfigureAwait(false);
                }

                await Task.Delay(_options.SweepInterval, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailure(_logger, ex);
                await Task.Delay(_options.SweepInterval, _time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Several nodes: queues the lanes of the agency in context that no live node claims.</summary>
    private async Task SweepAgencyAsync(ILaneLeases leases, CancellationToken stopping)
    {
        var lanes = _inbox.PendingLanes(SweepWindow);
        if (!_sender.PushesHeld)
        {
            // While LINE refuses pushes for the month, held sends would only be held again.
            lanes.AddRange(_outbox.PendingLanes(SweepWindow));
        }

        var agency = AgencyContext.Captured;
        var candidates = lanes.Distinct(StringComparer.Ordinal).Where(l => !_scheduled.ContainsKey(ScheduledKey(agency, l)) && !leases.IsHeld(l)).ToList();
        foreach (var lane in await leases.UnclaimedAsync(candidates, stopping).ConfigureAwait(false))
        {
            ScheduleLane(lane);
        }
    }

    /// <summary>Several nodes: renews this node's leases a third of the way through, for as long as it works the lanes.</summary>
    private async Task RenewAsync(ILaneLeases leases, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseDuration / 3, _time, stopping).ConfigureAwait(false);
                await leases.RenewAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not renewed: this node stops starting work on its lanes when their leases could have run out.
                LogSweepFailure(_logger, ex);
            }
        }
    }

    private void Finished(Task recorded)
    {
        if (recorded.IsFaulted)
        {
            // Recording the send failed (the store failed): the entry stays pending and is resumed at the next start.
            LogLaneFailure(_logger, recorded.Exception.GetBaseException());
        }

        Interlocked.Decrement(ref _backlog);
    }

    /// <summary>Handles one event; returns the store write that records its answer's send (see <see cref="OutboxSender.SendAsync"/>).</summary>
    private async Task<Task> ProcessEventAsync(string id, InboxEntry? carried, CancellationToken stopping)
    {
        // Only this lane handles this event and it was pending when stored, so the carried entry is current.
        var entry = carried ?? _inbox.Find(id);
        if (entry is not { State: InboxState.Pending })
        {
            return Task.CompletedTask;
        }

        var attempts = entry.Attempts;
        while (true)
        {
            try
            {
                TurnOutcome outcome;
                OutboxEntry? answer;
                await _turnGate.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    outcome = IsAnswerable(entry) ? await _handler.HandleAsync(entry, stopping).ConfigureAwait(false) : TurnOutcome.Nothing;
                    try
                    {
                        answer = Answer(entry, outcome, RecordId.New(_time), _time.GetUtcNow().UtcDateTime);
                    }
                    catch
                    {
                        outcome.AfterCommit?.Invoke();   // no commit comes: end the claims the turn took
                        throw;
                    }
                }
                finally
                {
                    _turnGate.Release();
                }

                try
                {
                    await _outbox.CompleteTurnAsync(entry.Id, answer, outcome.Writes).ConfigureAwait(false);
                }
                finally
                {
                    outcome.AfterCommit?.Invoke();
                }

                return answer is null
                    ? Task.CompletedTask
                    : await _sender.SendAsync(answer, replyMaybeUsed: false, stopping).ConfigureAwait(false);
            }
            catch (TurnAlreadyHandledException)
            {
                // Several nodes: the node that held this lane before handled the event meanwhile; its answer stands.
                return Task.CompletedTask;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                attempts++;
                var park = attempts >= _options.MaxAttempts;
                // The exception type and message only: handler errors must not carry user text into the store or logs.
                await _inbox.RecordFailureAsync(entry.Id, attempts, $"{ex.GetType().Name}: {ex.Message}", park).ConfigureAwait(false);
                if (park)
                {
                    LogParked(_logger, entry.Type, attempts, ex);
                    return Task.CompletedTask;
                }

                LogHandlerRetry(_logger, entry.Type, attempts, ex);
                await Task.Delay(_options.DelayFor(attempts), _time, stopping).ConfigureAwait(false);
                if (_leases is not null)
                {
                    // Several nodes: the lane may have passed to another node (a state conflict says so); go on only
                    // while this node holds it and the event still waits.
                    var current = _inbox.Find(entry.Id);
                    if (!_leases.IsHeld(entry.LaneKey) || current is not { State: InboxState.Pending })
                    {
                        return Task.CompletedTask;
                    }

                    entry = current;
                }
            }
        }
    }

    /// <summary>
    /// The outbox entry for a turn's messages (null when it has none): checked against LINE's limits and serialised once
    /// here, then stored and sent as they are (a broken limit fails the turn, so the event is retried and parked, never the send).
    /// </summary>
    internal static OutboxEntry? Answer(InboxEntry entry, TurnOutcome outcome, string id, DateTime createdAt)
    {
        if (outcome.Messages.Count == 0)
        {
            return null;
        }

        var json = System.Text.Json.JsonSerializer.Serialize(outcome.Messages, LineJson.Options);
        MessageValidator.Validate(outcome.Messages, System.Text.Encoding.UTF8.GetByteCount(json));
        return new OutboxEntry
        {
            Id = id,
            EventId = entry.Id,
            LaneKey = entry.LaneKey,
            To = entry.ConversationId,
            ReplyToken = entry.ReplyToken,
            EventTimestamp = entry.Timestamp,
            MessagesJson = json,
            RetryKey = Guid.NewGuid(),
            State = OutboxState.Pending,
            CreatedAt = createdAt,
            EventRedacted = outcome.Protected,
        };
    }

    /// <summary>Standby events (another module channel is in control) and group traffic get no answer, on purpose.</summary>
    private static bool IsAnswerable(InboxEntry entry) =>
        !string.Equals(entry.Mode, "standby", StringComparison.Ordinal)
        && entry.UserId is not null
        && string.Equals(entry.ConversationId, entry.UserId, StringComparison.Ordinal);

    /// <summary>An event, a send, or (several nodes, <see cref="IsLane"/>) a lane to work, its key in <see cref="Id"/>.</summary>
    private readonly record struct WorkItem(string Id, bool IsOutbox, bool ReplyMaybeUsed, InboxEntry? Entry = null, bool IsLane = false, string? Agency = null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Events} unhandled events and {Sends} unsent answers")]
    private static partial void LogResumed(ILogger logger, int events, int sends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling a {Type} event failed (attempt {Attempt}); retrying")]
    private static partial void LogHandlerRetry(ILogger logger, string type, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Parked a {Type} event after {Attempts} failed attempts")]
    private static partial void LogParked(ILogger logger, string type, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for unclaimed work or renewing lane leases failed; trying again")]
    private static partial void LogSweepFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A processing lane hit a store failure; the item stays pending until restart")]
    private static partial void LogLaneFailure(ILogger logger, Exception exception);
}
