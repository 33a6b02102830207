using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Line.Testing;
using ItaBot.Tests.Support;
using ItaBot.Simulator;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Understanding;

/// <summary>A report of corruption typed while another flow waits for text is recognised by the whole understanding, not by word lists alone.</summary>
public sealed class TypedReportInterruptionTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    /// <summary>
    /// No word of <see cref="CorruptionSignals"/> is in it; the n-gram model reads it as a report. (Session 14: the rules now
    /// read "เขาบอกว่าถ้า…ไวๆ…ต้อง", a condition someone told, so the message lost its "ถ้า".)
    /// </summary>
    private const string ReportTheRulesMiss = "เขาบอกว่าจะให้เรื่องผ่านไวๆก็ต้องมีค่าขนม";

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task FollowUpOnACase_ReportOnlyTheModelRecognises_IsProtectedAndNotAddedToTheCase()
    {
        Assert.False(CorruptionSignals.LooksLikeCorruption(ReportTheRulesMiss));
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var store = host.Services.GetRequiredService<CaseService>();
        var created = await store.CreateAsync(new NewCase { CategoryId = "nuisance", Channel = CaseChannel.Line, Description = "เสียงดังทุกคืน", CitizenLineUserId = chat.User }, CaseService.CitizenActor);
        await chat.SendAsync(Events.Postback(chat.User, CaseCards.FollowUpPrefix + created.Id));

        var answer = await chat.SendAsync(Events.Text(chat.User, ReportTheRulesMiss));

        Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(answer), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Get(created.Id)!.Timeline, e => e.Kind == CaseEventKind.CitizenFollowUp);
    }

    [Fact]
    public async Task ComplaintDescription_ReportOnlyTheModelRecognises_IsProtectedAndNotKeptInTheDraft()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        await chat.TapAsync("menu=complaint");
        await chat.TapAsync(ComplaintDialog.CategoryPrefix + "service-quality");

        var answer = await chat.SayAsync(ReportTheRulesMiss);

        Assert.Contains(ComplaintTexts.CorruptionOffer, LineChat.TextMessages(answer), StringComparison.Ordinal);
        Assert.Contains("menu=whistleblow", LineChat.QuickReplyData(answer));
        Assert.DoesNotContain(ComplaintTexts.AskPhotos(5)[..10], LineChat.TextMessages(answer), StringComparison.Ordinal);   // the draft did not go on
    }
}
