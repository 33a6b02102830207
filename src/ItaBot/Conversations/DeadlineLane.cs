namespace ItaBot.Conversations;

/// <summary>
/// One processing lane's queue, earliest reply-token deadline first: the conversation whose next answer's token expires
/// soonest goes next, while its token is still usable; a conversation whose next answer can no longer be a reply (its token
/// expired, or it has none) waits until no usable token is left, and then such conversations go in arrival order. So when
/// a backlog forms, the answers that can still be free replies are the ones given first, and the ones that will be pushed
/// anyway come after (answering an expired token first only lets the next one expire too). A conversation's own items
/// always keep their order: only its oldest is ever a candidate. Single reader; any number of writers.
/// </summary>
internal sealed class DeadlineLane<T>(TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Dictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Conversation, (long Deadline, long Seq)> _young = new();
    private readonly Queue<Conversation> _late = new();
    private long _seq;
    private bool _completed;
    private bool _disposed;

    /// <summary>Items queued and not yet taken.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Queues <paramref name="item"/> behind the conversation's earlier items. <paramref name="deadline"/>: when its reply
    /// token stops being usable (Unix milliseconds), or null when its answer cannot be a reply. False once completed.
    /// </summary>
    public bool TryWrite(string conversation, T item, long? deadline)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            if (!_conversations.TryGetValue(conversation, out var c))
            {
                _conversations[conversation] = c = new Conversation(conversation);
            }

            c.Items.Enqueue((item, deadline, ++_seq));
            if (c.Items.Count == 1)
            {
                Schedule(c, Now());
            }

            Count++;
            // Released under the lock, so a host disposing the lane while a webhook still writes never meets a disposed semaphore.
            _available.Release();
        }

        return true;
    }

    /// <summary>Stops taking items; a reader waiting ends (what is still queued stays in the store, resumed at the next start).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            if (!_disposed)
            {
                _available.Release();
            }
        }
    }

    /// <summary>The next item by deadline, waiting for one; ends when completed or cancelled.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }

            T item;
            lock (_gate)
            {
                if (_completed || !TryTake(out item))
                {
                    if (_completed)
                    {
                        yield break;
                    }

                    continue;
                }
            }

            yield return item;
        }
    }

    private bool TryTake(out T item)
    {
        var now = Now();
        while (_young.TryDequeue(out var c, out var priority))
        {
            if (priority.Deadline > now)
            {
                item = Pop(c, now);
                return true;
            }

            // Its token expired while it waited: its answer will be pushed whenever it is given.
            _late.Enqueue(c);
        }

        if (_late.TryDequeue(out var late))
        {
            item = Pop(late, now);
            return true;
        }

        item = default!;
        return false;
    }

    private T Pop(Conversation c, long now)
    {
        var (item, _, _) = c.Items.Dequeue();
        Count--;
        if (c.Items.Count > 0)
        {
            Schedule(c, now);
        }
        else
        {
            _conversations.Remove(c.Key);
        }

        return item;
    }

    /// <summary>Puts the conversation where its oldest item belongs: by its token's deadline while usable, else in arrival order.</summary>
    private void Schedule(Conversation c, long now)
    {
        var (_, deadline, seq) = c.Items.Peek();
        if (deadline is { } d && d > now)
        {
            _young.Enqueue(c, (d, seq));
        }
        else
        {
            _late.Enqueue(c);
        }
    }

    /// <summary>Waits for an item or the end; false when the lane was disposed under a waiting reader.</summary>
    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Completes the lane and frees it; writes and completions after this are refused quietly, not thrown.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            _disposed = true;
            _available.Dispose();
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed class Conversation(string key)
    {
        public string Key { get; } = key;

        public Queue<(T Item, long? Deadline, long Seq)> Items { get; } = new();
    }
}
