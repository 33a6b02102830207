using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Tests;

public sealed class DialogManagerTests
{
    [Theory]
    [InlineData("ยกเลิก")]
    [InlineData("ยกเลิกค่ะ")]
    [InlineData("Cancel")]
    public async Task OnTurnAsync_CancelWordMidFlow_CancelsAndSaysSo(string word)
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ถนนชำรุด").AssertReply(SampleBot.DetailPrompt)
            .Send(word).AssertReply(DialogTexts.Thai.Cancelled)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_CancelWithNothingInProgress_SaysThereIsNothing()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("ยกเลิก").AssertReply(DialogTexts.Thai.NothingToCancel)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_MenuWordMidFlow_DropsTheFlowAndShowsTheMenu()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .Send("เมนู").AssertReply(SampleBot.MenuPrompt)
            .Send("ติดต่อเรา").AssertReply("โทร 044-000000 ค่ะ")
            .AssertStatus(DialogTurnStatus.Complete)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_RichMenuPostbackMidFlow_StartsThatFeature()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .SendPostback("action=complaint", "ร้องเรียนทั่วไป").AssertReply(SampleBot.CategoryPrompt)
            .Send("1").AssertReply(SampleBot.DetailPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_CancelWordsEmptied_CancelIsAnOrdinaryAnswer()
    {
        var time = SampleBot.Clock();
        var options = new DialogManagerOptions();
        options.CancelWords.Clear();
        await SampleBot.Create(time, options: options).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .Send("ยกเลิก").AssertReply(SampleBot.PlacePrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_FreshManagerOverTheSameStore_ContinuesTheFlowWithItsValues()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        await SampleBot.Create(time, store).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ถนนชำรุด").AssertReply(SampleBot.DetailPrompt)
            .StartTestAsync();

        // A restart: new dialog objects, only the stored JSON carries the conversation.
        var stored = await store.LoadAsync("C-1", TestContext.Current.CancellationToken);
        var reloaded = new InMemoryDialogStateStore();
        await reloaded.SaveAsync("C-1", ConversationState.FromJson(stored!.State.ToJson()), 0, TestContext.Current.CancellationToken);

        await SampleBot.Create(time, reloaded).Flow(time)
            .Send("หลุมใหญ่มาก").AssertReply(SampleBot.PlacePrompt)
            .SendLocation(15.65, 101.98, "ซอย 7").AssertReply(SampleBot.SubmitPrompt)
            .Send("ใช่").AssertReply("รับเรื่องแล้วค่ะ: ถนนชำรุด / หลุมใหญ่มาก / ซอย 7")
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_FormStartedByTheMenu_ReturnsItsResultToTheMenu()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReplyWithChoices(SampleBot.MenuPrompt, "ถามตอบ", "ร้องเรียน", "ติดต่อเรา")
            .Send("ร้องเรียน").AssertReplyWithChoices(SampleBot.CategoryPrompt, "ถนนชำรุด", "ไฟฟ้าส่องสว่าง", "ขยะ")
            .Send("ไฟดับค่ะ").AssertReply(SampleBot.DetailPrompt)
            .Send("ไฟถนนหน้าวัดดับมา 3 วันแล้ว").AssertReply(SampleBot.PlacePrompt)
            .SendLocation(15.65, 101.98, "หน้าวัดโนนทอง").AssertReplyWithChoices(SampleBot.SubmitPrompt, "ใช่", "แก้ไข", "ไม่ใช่")
            .Send("ใช่").AssertReply("รับเรื่องแล้วค่ะ: ไฟฟ้าส่องสว่าง / ไฟถนนหน้าวัดดับมา 3 วันแล้ว / หน้าวัดโนนทอง")
            .AssertStatus(DialogTurnStatus.Complete)
            .AssertResult(r => Assert.Equal("ไฟฟ้าส่องสว่าง / ไฟถนนหน้าวัดดับมา 3 วันแล้ว / หน้าวัดโนนทอง", r))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_FormDeclinedAtItsSummary_MenuHearsNothingWasSent()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("2").AssertReply(SampleBot.CategoryPrompt)
            .Send("1").AssertReply(SampleBot.DetailPrompt)
            .Send("ถนนเป็นหลุม").AssertReply(SampleBot.PlacePrompt)
            .SendLocation(15.65, 101.98, "ซอย 3").AssertReply(SampleBot.SubmitPrompt)
            .Send("ไม่ใช่").AssertReply("ยังไม่ได้ส่งเรื่องค่ะ")
            .AssertStatus(DialogTurnStatus.Complete)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_FormGivesUpInsideTheMenu_TheWholeFlowEnds()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("หมา").AssertReply(SampleBot.CategoryPrompt)
            .Send("แมว").AssertReply(SampleBot.CategoryPrompt)
            .Send("นก").AssertReply(DialogTexts.Thai.PromptGiveUp)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .Send("1").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_EveryTurn_SavesANewVersion()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        var flow = SampleBot.Create(time, store).Flow(time);
        await flow
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .StartTestAsync();

        var stored = await store.LoadAsync("C-1", TestContext.Current.CancellationToken);
        Assert.Equal(3, stored!.Version);
        Assert.Equal(SampleBot.Start, stored.State.LastActivityAt);
    }

    [Fact]
    public async Task OnTurnAsync_TwoTurnsOfOneConversationRace_SecondSaveThrowsStateConflict()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        await SampleBot.Create(time, store).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();

        var racing = new RacingStore(store, readers: 2);
        var manager = SampleBot.Create(time, racing);
        var first = manager.OnTurnAsync(new TurnContext(Activity.Message("C-1", "U-1", "ร้องเรียน", time.GetUtcNow())), TestContext.Current.CancellationToken);
        var second = manager.OnTurnAsync(new TurnContext(Activity.Message("C-1", "U-1", "ติดต่อเรา", time.GetUtcNow())), TestContext.Current.CancellationToken);

        var outcomes = await Task.WhenAll(Capture(first), Capture(second));

        Assert.Single(outcomes, e => e is null);
        var conflict = Assert.IsType<StateConflictException>(Assert.Single(outcomes, e => e is not null));
        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(2, (await store.LoadAsync("C-1", TestContext.Current.CancellationToken))!.Version);
    }

    [Fact]
    public async Task OnTurnAsync_IdleLongerThanTimeout_EndsTheFlowPolitelyAndStartsFresh()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Wait(TimeSpan.FromMinutes(31))
            .Send("ขยะ").AssertReply("เรื่องที่คุยค้างไว้หมดเวลาแล้วนะคะ เริ่มใหม่ได้เลยค่ะ").AssertReply(SampleBot.MenuPrompt)
            .Send("ติดต่อเรา").AssertReply("โทร 044-000000 ค่ะ")
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_IdleJustUnderTimeout_FlowGoesOn()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Wait(TimeSpan.FromMinutes(29))
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .Wait(TimeSpan.FromMinutes(29))
            .Send("ไม่มีรถมาเก็บ").AssertReply(SampleBot.PlacePrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_HostTextsAndTimeout_AreUsed()
    {
        var time = SampleBot.Clock();
        var options = new DialogManagerOptions
        {
            IdleTimeout = TimeSpan.FromMinutes(5),
            Texts = DialogTexts.Thai with { IdleTimeout = "หมดเวลาแล้วครับ", Cancelled = "ยกเลิกแล้วครับ" },
        };
        await SampleBot.Create(time, options: options).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Wait(TimeSpan.FromMinutes(6))
            .Send("ร้องเรียน").AssertReply("หมดเวลาแล้วครับ").AssertReply(SampleBot.MenuPrompt)
            .Send("ยกเลิก").AssertReply("ยกเลิกแล้วครับ")
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_UserAndConversationData_SurviveTheEndOfAFlow()
    {
        var time = SampleBot.Clock();
        var root = new WaterfallDialog("root",
        [
            async (step, ct) =>
            {
                if (step.UserData["nickname"]?.GetValue<string>() is { } known)
                {
                    var visits = (step.ConversationData["visits"]?.GetValue<int>() ?? 0) + 1;
                    step.ConversationData["visits"] = visits;
                    await step.Context.SendTextAsync($"สวัสดีค่ะคุณ{known} ครั้งที่ {visits}", ct);
                    return await step.EndDialogAsync(null, ct);
                }

                return await step.PromptAsync("nickname", new PromptOptions { Prompt = "ให้เรียกว่าอะไรดีคะ" }, ct);
            },
            async (step, ct) =>
            {
                step.UserData["nickname"] = step.ResultAs<string>();
                await step.Context.SendTextAsync("จำไว้แล้วค่ะ", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);
        var manager = new DialogManager(root, new InMemoryDialogStateStore(), time);
        manager.Dialogs.Add(new TextPrompt("nickname"));

        await new TestFlow(manager, time)
            .Send("สวัสดี").AssertReply("ให้เรียกว่าอะไรดีคะ")
            .Send("ต้อม").AssertReply("จำไว้แล้วค่ะ")
            .Send("สวัสดี").AssertReply("สวัสดีค่ะคุณต้อม ครั้งที่ 1")
            .Send("สวัสดี").AssertReply("สวัสดีค่ะคุณต้อม ครั้งที่ 2")
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_ReplaceDialogLoop_RepeatsWithoutGrowingTheStack()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        var root = new WaterfallDialog("root",
        [
            (step, ct) => step.PromptAsync("more", new PromptOptions { Prompt = "มีเรื่องอื่นอีกไหมคะ" }, ct),
            async (step, ct) =>
            {
                if (step.ResultAs<string>() == "ใช่")
                {
                    return await step.ReplaceDialogAsync("root", null, ct);
                }

                await step.Context.SendTextAsync("ขอบคุณค่ะ", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);
        var manager = new DialogManager(root, store, time);
        manager.Dialogs.Add(new TextPrompt("more"));

        await new TestFlow(manager, time)
            .Send("สวัสดี").AssertReply("มีเรื่องอื่นอีกไหมคะ")
            .Send("ใช่").AssertReply("มีเรื่องอื่นอีกไหมคะ")
            .Send("ใช่").AssertReply("มีเรื่องอื่นอีกไหมคะ")
            .StartTestAsync();
        Assert.Equal(["more", "root"], (await store.LoadAsync("C-1", TestContext.Current.CancellationToken))!.State.DialogStack.Select(d => d.Id));

        await new TestFlow(manager, time)
            .Send("ไม่").AssertReply("ขอบคุณค่ะ")
            .StartTestAsync();
        Assert.Empty((await store.LoadAsync("C-1", TestContext.Current.CancellationToken))!.State.DialogStack);
    }

    [Fact]
    public async Task OnTurnAsync_StoredDialogNoLongerExists_StartsFresh()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        var state = ConversationState.FromJson("""{"dialogStack":[{"id":"retired-flow","state":{}}]}""");
        await store.SaveAsync("C-1", state, 0, TestContext.Current.CancellationToken);

        await SampleBot.Create(time, store).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_TwoConversations_KeepSeparateFlows()
    {
        var time = SampleBot.Clock();
        var manager = SampleBot.Create(time);
        await manager.Flow(time, "C-1")
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .StartTestAsync();
        await manager.Flow(time, "C-2")
            .Send("ร้องเรียน").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();
        await manager.Flow(time, "C-1")
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_FlowForgetsTheConversation_StoredStateIsDeleted()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        var root = new WaterfallDialog("root",
        [
            (step, ct) => step.PromptAsync("secret", new PromptOptions { Prompt = "เล่าเรื่องที่พบได้เลยค่ะ" }, ct),
            async (step, ct) =>
            {
                step.Values["secret"] = step.ResultAs<string>();
                step.UserData["seen"] = true;
                step.State.Forget();
                await step.Context.SendTextAsync("รับเรื่องแล้วค่ะ", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);
        var manager = new DialogManager(root, store, time);
        manager.Dialogs.Add(new TextPrompt("secret"));

        await new TestFlow(manager, time)
            .Send("แจ้งเบาะแส").AssertReply("เล่าเรื่องที่พบได้เลยค่ะ")
            .Send("มีการเรียกรับเงิน").AssertReply("รับเรื่องแล้วค่ะ")
            .StartTestAsync();

        Assert.Null(await store.LoadAsync("C-1", TestContext.Current.CancellationToken));
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Holds every save until <paramref name="readers"/> turns have loaded, so they all read the same version.</summary>
    private sealed class RacingStore(IDialogStateStore inner, int readers) : IDialogStateStore
    {
        private readonly TaskCompletionSource _allLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loads;

        public async Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
        {
            var stored = await inner.LoadAsync(conversationKey, cancellationToken);
            if (Interlocked.Increment(ref _loads) == readers)
            {
                _allLoaded.SetResult();
            }

            return stored;
        }

        public async Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default)
        {
            await _allLoaded.Task.WaitAsync(cancellationToken);
            return await inner.SaveAsync(conversationKey, state, expectedVersion, cancellationToken);
        }

        public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(conversationKey, cancellationToken);
    }
}
