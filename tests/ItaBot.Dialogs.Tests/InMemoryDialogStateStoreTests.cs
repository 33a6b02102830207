using System.Text.Json.Nodes;
using ItaBot.Dialogs.State;

namespace ItaBot.Dialogs.Tests;

public sealed class InMemoryDialogStateStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_NewThenEachSave_VersionGrowsByOne()
    {
        var store = new InMemoryDialogStateStore();
        var state = new ConversationState();

        Assert.Equal(1, await store.SaveAsync("C-1", state, 0, Ct));
        Assert.Equal(2, await store.SaveAsync("C-1", state, 1, Ct));
        Assert.Equal(2, (await store.LoadAsync("C-1", Ct))!.Version);
    }

    [Fact]
    public async Task SaveAsync_TwoWritersFromTheSameVersion_SecondThrowsAndFirstIsKept()
    {
        var store = new InMemoryDialogStateStore();
        await store.SaveAsync("C-1", new ConversationState(), 0, Ct);
        var writerA = await store.LoadAsync("C-1", Ct);
        var writerB = await store.LoadAsync("C-1", Ct);
        writerA!.State.Conversation["by"] = "A";
        writerB!.State.Conversation["by"] = "B";

        await store.SaveAsync("C-1", writerA.State, writerA.Version, Ct);
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("C-1", writerB.State, writerB.Version, Ct));

        Assert.Equal("C-1", conflict.ConversationKey);
        Assert.Equal("A", (string?)(await store.LoadAsync("C-1", Ct))!.State.Conversation["by"]);
    }

    [Fact]
    public async Task SaveAsync_TwoWritersCreatingTheSameConversation_SecondThrows()
    {
        var store = new InMemoryDialogStateStore();
        await store.SaveAsync("C-1", new ConversationState(), 0, Ct);

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("C-1", new ConversationState(), 0, Ct));
    }

    [Fact]
    public async Task SaveAsync_AfterDelete_StaleWriterThrows()
    {
        var store = new InMemoryDialogStateStore();
        await store.SaveAsync("C-1", new ConversationState(), 0, Ct);
        await store.SaveAsync("C-1", new ConversationState(), 1, Ct);
        await store.DeleteAsync("C-1", Ct);

        Assert.Null(await store.LoadAsync("C-1", Ct));
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("C-1", new ConversationState(), 2, Ct));
        Assert.Equal(0, conflict.ActualVersion);
    }

    [Fact]
    public async Task LoadAsync_ChangesAfterSaving_AreNotSeenUntilSavedAgain()
    {
        var store = new InMemoryDialogStateStore();
        var state = new ConversationState();
        state.Conversation["step"] = 1;
        await store.SaveAsync("C-1", state, 0, Ct);
        state.Conversation["step"] = 2;

        Assert.Equal(1, (int)(await store.LoadAsync("C-1", Ct))!.State.Conversation["step"]!);
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_ReadsTheSameState()
    {
        var state = new ConversationState { LastActivityAt = new DateTimeOffset(2025, 3, 5, 9, 0, 0, TimeSpan.FromHours(7)) };
        state.Conversation["topic"] = "ขยะ";
        state.ForUser("U-1")["nickname"] = "ต้อม";
        state.ForUser("U-2")["nickname"] = "แดง";

        var copy = ConversationState.FromJson(state.ToJson());

        Assert.Equal(state.LastActivityAt, copy.LastActivityAt);
        Assert.Equal("ขยะ", (string?)copy.Conversation["topic"]);
        Assert.Equal("ต้อม", (string?)copy.ForUser("U-1")["nickname"]);
        Assert.Equal("แดง", (string?)copy.ForUser("U-2")["nickname"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(state.ToJson()), JsonNode.Parse(copy.ToJson())));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    public void FromJson_NotAStateObject_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => ConversationState.FromJson(json));
}
