using ItaBot.Conversations;
using ItaBot.Dialogs.State;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>Dialog state: staged saves that commit with the turn, optimistic versions, tombstones, forgetting.</summary>
public abstract class ConversationStateStoreContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    private IConversationStateStore States => Get<IConversationStateStore>();

    private static ConversationState With(string key, string value)
    {
        var state = new ConversationState();
        state.Conversation[key] = value;
        return state;
    }

    private async Task CommitAsync(string key) => await Writer.WriteAsync(States.TakeStagedWrite(key)!);

    [Fact]
    public async Task Save_IsOnlyStaged_UntilItsWriteCommits()
    {
        var version = await States.SaveAsync("C1", With("step", "one"), 0);

        Assert.Equal(1, version);
        Assert.Null(await States.LoadAsync("C1"));
        await CommitAsync("C1");
        var loaded = await States.LoadAsync("C1");
        Assert.Equal(1, loaded!.Version);
        Assert.Equal("one", loaded.State.Conversation["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commit_AfterAnotherWriterSaved_ThrowsStateConflictAndKeepsTheOtherWrite()
    {
        await States.SaveAsync("C2", new ConversationState(), 0);
        await CommitAsync("C2");
        var first = await States.LoadAsync("C2");
        await States.SaveAsync("C2", With("by", "winner"), first!.Version);
        var winnerWrite = States.TakeStagedWrite("C2")!;
        await States.SaveAsync("C2", With("by", "loser"), first.Version);
        var loserWrite = States.TakeStagedWrite("C2")!;

        await Writer.WriteAsync(winnerWrite);
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => Writer.WriteAsync(loserWrite));

        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal("winner", (await States.LoadAsync("C2"))!.State.Conversation["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_LeavesATombstone_SoAStaleWriterStillConflicts()
    {
        await States.SaveAsync("C3", new ConversationState(), 0);
        await CommitAsync("C3");
        await States.LoadAsync("C3");
        await States.DeleteAsync("C3");
        await CommitAsync("C3");

        Assert.Null(await States.LoadAsync("C3"));
        Assert.Equal(2, States.VersionOf("C3"));
        await States.SaveAsync("C3", new ConversationState(), 1); // a writer that read version 1 before the delete
        await Assert.ThrowsAsync<StateConflictException>(() => Writer.WriteAsync(States.TakeStagedWrite("C3")!));
        _ = await States.LoadAsync("C3");
        await States.SaveAsync("C3", new ConversationState(), 0); // a fresh start after the delete
        await CommitAsync("C3");
        Assert.Equal(3, (await States.LoadAsync("C3"))!.Version);
    }

    [Fact]
    public async Task StateConflict_RollsBackTheOtherWritesOfTheSameCommit()
    {
        await States.SaveAsync("C4", With("v", "stored"), 0);
        await CommitAsync("C4");
        await States.SaveAsync("C5", With("v", "other"), 0);
        var other = States.TakeStagedWrite("C5")!;
        await States.SaveAsync("C4", With("v", "stale"), 7);
        var stale = States.TakeStagedWrite("C4")!;

        await Assert.ThrowsAsync<StateConflictException>(() => Writer.WriteAsync(work =>
        {
            other(work);
            stale(work);
        }));

        Assert.Null(await States.LoadAsync("C5"));
        Assert.Equal(0, States.VersionOf("C5"));
    }

    [Fact]
    public async Task StateWrite_InACommitThatRollsBack_LeavesTheCommittedStateToReadAndCheck()
    {
        await States.SaveAsync("C9", With("step", "one"), 0);
        await CommitAsync("C9");
        await States.SaveAsync("C9", With("step", "two"), (await States.LoadAsync("C9"))!.Version);
        var write = States.TakeStagedWrite("C9")!;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.WriteAsync(work =>
        {
            write(work);
            throw new InvalidOperationException("a later write of the same commit failed");
        }));

        var after = await States.LoadAsync("C9");
        Assert.Equal(1, after!.Version);
        Assert.Equal(1, States.VersionOf("C9"));
        Assert.Equal("one", after.State.Conversation["step"]!.GetValue<string>());
        await States.SaveAsync("C9", With("step", "three"), after.Version);
        await CommitAsync("C9");
        Assert.Equal("three", (await States.LoadAsync("C9"))!.State.Conversation["step"]!.GetValue<string>());
        Assert.Equal(2, States.VersionOf("C9"));
    }

    [Fact]
    public async Task Discard_DropsTheStagedChange()
    {
        await States.SaveAsync("C6", With("v", "staged"), 0);
        States.Discard("C6");

        Assert.Null(States.TakeStagedWrite("C6"));
        Assert.Null(await States.LoadAsync("C6"));
    }

    [Fact]
    public async Task Forget_EmptiesTheStateButKeepsCountingVersions()
    {
        await States.SaveAsync("C7", With("secret", "x"), 0);
        await CommitAsync("C7");
        Assert.Contains("secret", States.ReadJson("C7"), StringComparison.Ordinal);

        await Writer.WriteAsync(work => States.Forget(work, "C7"));

        Assert.Null(States.ReadJson("C7"));
        Assert.Null(await States.LoadAsync("C7"));
        Assert.Equal(2, States.VersionOf("C7"));
    }

    [Fact]
    public async Task ForgetIdle_EmptiesOnlyStatesUnchangedSinceTheCutoff()
    {
        await States.SaveAsync("idle", With("v", "old"), 0);
        await CommitAsync("idle");
        var cutoff = Get<TimeProvider>().GetUtcNow().UtcDateTime.AddSeconds(1);

        Assert.Equal(0, await Writer.WriteAsync(work => States.ForgetIdle(work, cutoff.AddDays(-1))));
        var forgotten = await Writer.WriteAsync(work => States.ForgetIdle(work, cutoff));
        var again = await Writer.WriteAsync(work => States.ForgetIdle(work, cutoff));

        Assert.Equal(1, forgotten);
        Assert.Equal(0, again);         // a forgotten state is not counted twice
        Assert.Null(States.ReadJson("idle"));
    }

    [Fact]
    public async Task DropTombstone_RemovesAnEmptiedRecord_AndLeavesALiveStateAlone()
    {
        await States.SaveAsync("gone", With("v", "x"), 0);
        await CommitAsync("gone");
        await States.SaveAsync("live", With("v", "y"), 0);
        await CommitAsync("live");
        await Writer.WriteAsync(work => States.Forget(work, "gone"));

        await Writer.WriteAsync(work =>
        {
            States.DropTombstone(work, "gone");
            States.DropTombstone(work, "live");
        });

        Assert.Equal(0, States.VersionOf("gone"));
        Assert.Equal(1, States.VersionOf("live"));
    }

    [Fact]
    public async Task CommittedState_SurvivesARestart()
    {
        await States.SaveAsync("C8", With("step", "kept"), 0);
        await CommitAsync("C8");

        await RestartAsync();

        Assert.Equal("kept", (await States.LoadAsync("C8"))!.State.Conversation["step"]!.GetValue<string>());
    }
}

public sealed class LiteDbConversationStateStoreTests : ConversationStateStoreContract<LiteDbProvider>;

public sealed class PostgreSqlConversationStateStoreTests : ConversationStateStoreContract<PostgreSqlProvider>;
