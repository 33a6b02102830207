using ItaBot.QandA;
using ItaBot.Tests.Support;
using ItaBot.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.QandA;

/// <summary>What the municipality does not handle is said so, with the menu: no FAQ choices, no handover (issue 13, item 4).</summary>
public sealed partial class QaConversationTests
{
    [Theory]
    [InlineData("ราคาทองวันนี้เท่าไหร่")]
    [InlineData("หวยงวดนี้ออกอะไร")]
    [InlineData("ผลบอลเมื่อคืนใครชนะ")]
    public async Task OutOfScopeQuestion_AnswersHonestlyWithTheMenu_NoChoicesNoHandoverNothingLogged(string question)
    {
        await using var host = new ServiceHost(_line);
        var answer = await new LineChat(host, _line).SayAsync(question);

        Assert.Equal(UnderstandDialog.OutOfScopeText, LineChat.Text(answer));
        var buttons = LineChat.QuickReplyData(answer);
        Assert.Contains("menu=complaint", buttons);
        Assert.DoesNotContain(buttons, b => b.StartsWith("qa:", StringComparison.Ordinal));
        Assert.Empty(host.Services.GetRequiredService<IQaStore>().ListOpenHandovers());
    }

    [Theory]
    [InlineData("สวัสดีค่ะ", UnderstandDialog.GreetingText)]
    [InlineData("ขอบคุณมากนะคะ 🙏", UnderstandDialog.ThanksText)]
    public async Task GreetingOrThanks_AnsweredWithTheMenu(string typed, string expected)
    {
        await using var host = new ServiceHost(_line);

        var answer = await new LineChat(host, _line).SayAsync(typed);

        Assert.Equal(expected, LineChat.Text(answer));
        Assert.Contains("menu=qa", LineChat.QuickReplyData(answer));
    }
}
