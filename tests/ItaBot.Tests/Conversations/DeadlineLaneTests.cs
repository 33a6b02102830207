using ItaBot.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Conversations;

/// <summary>A lane's backlog goes earliest reply-token deadline first; a conversation's own items keep their order.</summary>
public sealed class DeadlineLaneTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero));

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Backlog_OfManyConversations_IsTakenEarliestDeadlineFirst()
    {
        using var lane = new DeadlineLane<string>(_time);
        lane.TryWrite("A", "a1", Now + 40_000);
        lane.TryWrite("B", "b1", Now + 10_000);
        lane.TryWrite("C", "c1", Now + 25_000);

        Assert.Equal(["b1", "c1", "a1"], await TakeAsync(lane, 3));
    }

    [Fact]
    public async Task ExpiredOrMissingToken_WaitsUntilNoUsableTokenIsLeft_ThenArrivalOrder()
    {
        using var lane = new DeadlineLane<string>(_time);
        lane.TryWrite("A", "a-expired", Now - 1);
        lane.TryWrite("B", "b-none", null);
        lane.TryWrite("C", "c-young", Now + 30_000);
        lane.TryWrite("D", "d-soon", Now + 1_000);
        _time.Advance(TimeSpan.FromSeconds(2));     // d's token expires while it waits

        Assert.Equal(["c-young", "a-expired", "b-none", "d-soon"], await TakeAsync(lane, 4));
    }

    [Fact]
    public async Task OneConversation_KeepsItsOrder_WhileItsNextItemCompetesByItsOwnDeadline()
    {
        using var lane = new DeadlineLane<string>(_time);
        lane.TryWrite("A", "a1", Now + 30_000);
        lane.TryWrite("A", "a2", Now + 5_000);     // earlier deadline, but behind a1 in its conversation
        lane.TryWrite("B", "b1", Now + 20_000);

        Assert.Equal(["b1", "a1", "a2"], await TakeAsync(lane, 3));
        Assert.Equal(0, lane.Count);
    }

    [Fact]
    public void Disposed_ThenCompletedAndWritten_RefusesQuietly()
    {
        // A host may dispose the processor while its StopAsync or a webhook still reaches the lane (seen in two-node tests).
        var lane = new DeadlineLane<string>(_time);
        lane.Dispose();

        lane.Complete();
        Assert.False(lane.TryWrite("A", "a1", Now + 1_000));
        Assert.Equal(0, lane.Count);
    }

    [Fact]
    public async Task Completed_EndsTheReader_AndRefusesNewItems()
    {
        using var lane = new DeadlineLane<string>(_time);
        lane.Complete();

        Assert.False(lane.TryWrite("A", "a1", Now + 1_000));
        Assert.Empty(await TakeAsync(lane, 1));
    }

    private static async Task<List<string>> TakeAsync(DeadlineLane<string> lane, int count)
    {
        var taken = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var item in lane.ReadAllAsync(timeout.Token))
        {
            taken.Add(item);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
