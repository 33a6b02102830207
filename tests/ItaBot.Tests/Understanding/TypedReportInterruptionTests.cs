using System.Text.Json.Nodes;
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

    /// <summary>A bribe asked for the repair the citizen is reporting: typed at a step that waits for a photo, a place, a call-back or the confirmation.</summary>
    private const string ReportMidIntake = "เจ้าหน้าที่กองช่างบอกว่าถ้าอยากให้มาซ่อมเร็วต้องจ่ายค่าน้ำร้อนน้ำชาห้าร้อยบาทค่ะ";

    private const string Pothole = "ถนนหน้าบ้านเป็นหลุมใหญ่ รถมอไซค์ล้มไปสองคันแล้วค่ะ";

    /// <summary>
    /// Before session 18 these steps were left alone (the intake "checks free text itself" only in its category and description):
    /// the report got the step's question again and stayed readable in the inbox. Now the protected channel is offered (that
    /// the turn is protected is <c>WhistleblowConversationTests.LeakCheck_…</c>'s mid-intake citizen), and the draft kept: "ทำเรื่องร้องเรียนต่อ" asks the step again and the case is filed without the report.
    /// </summary>
    [Theory]
    [InlineData("photos")]
    [InlineData("location")]
    [InlineData("contact")]
    [InlineData("summary")]
    public async Task ComplaintIntake_ReportTypedAtAStepThatReadsNoStory_IsProtected_TheDraftGoesOnWithoutIt(string step)
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        await chat.TapAsync("menu=complaint");
        await chat.TapAsync(ComplaintDialog.CategoryPrefix + "road");
        var steps = new List<Func<Task<JsonArray>>>
        {
            () => chat.SayAsync(Pothole),
            () => chat.TapAsync(ComplaintDialog.NextData),
            () => chat.SayAsync("หน้าวัดโนนทอง"),
            () => chat.TapAsync(ComplaintDialog.ContactLineData),
        };
        var asked = step switch { "photos" => 1, "location" => 2, "contact" => 3, _ => 4 };
        JsonArray question = [];
        foreach (var next in steps.Take(asked))
        {
            question = await next();
        }

        var offer = await chat.SayAsync(ReportMidIntake);

        Assert.Contains(ComplaintTexts.CorruptionOfferMidForm, LineChat.TextMessages(offer), StringComparison.Ordinal);
        Assert.Contains("menu=whistleblow", LineChat.QuickReplyData(offer));
        Assert.Contains(ComplaintDialog.ResumeData, LineChat.QuickReplyData(offer));

        var again = await chat.TapAsync(ComplaintDialog.ResumeData);
        Assert.DoesNotContain(ComplaintTexts.CorruptionOfferMidForm, LineChat.TextMessages(again), StringComparison.Ordinal);
        Assert.Equal(LineChat.QuickReplyData(question), LineChat.QuickReplyData(again));     // the same step, asked again
        foreach (var next in steps.Skip(asked))
        {
            await next();
        }

        var receipt = await chat.TapAsync(ComplaintDialog.SubmitData);
        Assert.Contains("เลขที่", LineChat.Text(receipt), StringComparison.Ordinal);
        var filed = Assert.Single(host.Services.GetRequiredService<CaseService>().ListForCitizen(chat.User));
        Assert.Equal(Pothole, filed.Description);
        Assert.DoesNotContain("ค่าน้ำร้อนน้ำชา", filed.Location?.Text ?? string.Empty, StringComparison.Ordinal);
    }
}
