using ItaBot.Tests.Support;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>The follow-up form by receipt when its in-memory handle is gone.</summary>
public sealed partial class WhistleblowConversationTests
{
    [Fact]
    public async Task FollowUp_HandleExpiredAtTheMenu_TheReceiptIsAskedAgain_ThenTheMenuComesBack()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = VaultSettings();
        settings["ItaBot:Whistleblowing:SessionLifetime"] = "00:10:00";
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), settings: settings);
        var (receipt, _) = await FileReportAsync(host, Events.NewUserId());
        var chat = new LineChat(host, _line, clock: clock);
        await chat.SayAsync("ติดตามเบาะแส");
        Assert.Contains("สถานะ: รับเรื่อง", LineChat.Text(await chat.SayAsync(receipt)), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await chat.TapAsync(WhistleFollowUpDialog.StatusData);

        Assert.Equal(WhistleTexts.AccessExpired, LineChat.Text(expired));
        Assert.Equal(["ยกเลิก"], LineChat.QuickReplyLabels(expired));
        var again = await chat.SayAsync(receipt);
        Assert.Contains("สถานะ: รับเรื่อง", LineChat.Text(again), StringComparison.Ordinal);
        Assert.Contains(WhistleFollowUpDialog.DoneData, LineChat.QuickReplyData(again));
    }
}
