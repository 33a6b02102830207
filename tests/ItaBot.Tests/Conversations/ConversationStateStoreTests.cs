using ItaBot.Conversations;
using ItaBot.Dialogs.State;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Conversations;

public sealed class ConversationStateStoreTests : IAsyncLifetime
{
    private MessagingStore _store = null!;
    private ConversationStateStore _states = null!;

    public ValueTask InitializeAsync()
    {
        _store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create() });
        _states = new ConversationStateStore(_store, TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Save_IsOnlyStaged_UntilItsWriteCommits()
    {
        var state = new ConversationState();
        state.Conversation["step"] = 1;

        var version = await _states.SaveAsync("C1", state, 0);

        Assert.Equal(1, version);
        Assert.Null(await _states.LoadAsync("C1"));
        await _store.Writer.WriteAsync(_states.TakeStagedWrite("C1")!);
        var loaded = await _states.LoadAsync("C1");
        Assert.Equal(1, loaded!.Version);
        Assert.Equal(1, loaded.State.Conversation["step"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commit_AfterAnotherWriterSaved_ThrowsStateConflictAndKeepsTheOtherWrite()
    {
        await _states.SaveAsync("C2", new ConversationState(), 0);
        await _store.Writer.WriteAsync(_states.TakeStagedWrite("C2")!);
        var first = await _states.LoadAsync("C2");
        var winner = new ConversationState();
        winner.Conversation["by"] = "winner";
        await _states.SaveAsync("C2", winner, first!.Version);
        var winnerWrite = _states.TakeStagedWrite("C2")!;
        var loser = new ConversationState();
        loser.Conversation["by"] = "loser";
        await _states.SaveAsync("C2", loser, first.Version);
        var loserWrite = _states.TakeStagedWrite("C2")!;

        await _store.Writer.WriteAsync(winnerWrite);
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => _store.Writer.WriteAsync(loserWrite));

        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal("winner", (await _states.LoadAsync("C2"))!.State.Conversation["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_LeavesATombstone_SoAStaleWriterStillConflicts()
    {
        await _states.SaveAsync("C3", new ConversationState(), 0);
        await _store.Writer.WriteAsync(_states.TakeStagedWrite("C3")!);
        await _states.LoadAsync("C3");
        await _states.DeleteAsync("C3");
        await _store.Writer.WriteAsync(_states.TakeStagedWrite("C3")!);

        Assert.Null(await _states.LoadAsync("C3"));
        Assert.Equal(2, _states.VersionOf("C3"));
        await _states.SaveAsync("C3", new ConversationState(), 1); // a writer that read version 1 before the delete
        await Assert.ThrowsAsync<StateConflictException>(() => _store.Writer.WriteAsync(_states.TakeStagedWrite("C3")!));
        _ = await _states.LoadAsync("C3");
        await _states.SaveAsync("C3", new ConversationState(), 0); // a fresh start after the delete
        await _store.Writer.WriteAsync(_states.TakeStagedWrite("C3")!);
        Assert.Equal(3, (await _states.LoadAsync("C3"))!.Version);
    }
}
