using System.Text.Json.Nodes;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Tests;

/// <summary>The one prompt the service asks through a waterfall (Q&amp;A's "พิมพ์คำถามได้เลยค่ะ"): a text prompt with a validator.</summary>
public sealed class PromptTests
{
    [Fact]
    public async Task TextPrompt_ValidatorRejects_SaysRetryPromptAndSeesAttemptCount()
    {
        var attempts = new List<int>();
        var prompt = new TextPrompt("name", (context, _) =>
        {
            attempts.Add(context.AttemptCount);
            var maxLength = context.Options.Validations!["maxLength"]!.GetValue<int>();
            return Task.FromResult(context.Recognized.Succeeded && context.Recognized.Value!.Length <= maxLength);
        });
        var options = new PromptOptions
        {
            Prompt = "ชื่อเล่นอะไรคะ",
            RetryPrompt = "ขอสั้นกว่า 10 ตัวอักษรนะคะ",
            Validations = new JsonObject { ["maxLength"] = 10 },
        };

        await PromptHarness.Ask(prompt, options)
            .Send("สวัสดี").AssertReply("ชื่อเล่นอะไรคะ")
            .Send("ชื่อเล่นยาวมากจริงๆ นะ").AssertReply("ขอสั้นกว่า 10 ตัวอักษรนะคะ")
            .SendImage("m-1").AssertReply("ขอสั้นกว่า 10 ตัวอักษรนะคะ")
            .Send("  แดง ").AssertReply("ได้: แดง")
            .StartTestAsync();

        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task TextPrompt_ValidatorRepliesItself_NoSecondRetryMessage()
    {
        var prompt = new TextPrompt("code", async (context, ct) =>
        {
            if (context.Recognized.Value is { Length: 6 })
            {
                return true;
            }

            await context.Context.SendTextAsync($"รหัสมี 6 หลัก คุณพิมพ์มา {context.Recognized.Value?.Length ?? 0} หลักค่ะ", ct);
            return false;
        });

        await PromptHarness.Ask(prompt, new PromptOptions { Prompt = "รหัสค่ะ" })
            .Send("สวัสดี").AssertReply("รหัสค่ะ")
            .Send("1234").AssertReply("รหัสมี 6 หลัก คุณพิมพ์มา 4 หลักค่ะ")
            .Send("123456").AssertReply("ได้: 123456")
            .StartTestAsync();
    }

    [Fact]
    public async Task TextPrompt_MaxAttemptsReached_GivesUpPolitelyAndNextMessageStartsFresh()
    {
        await PromptHarness.Ask(new TextPrompt("question"), new PromptOptions { Prompt = "พิมพ์คำถามได้เลยค่ะ", MaxAttempts = 2 })
            .Send("สวัสดี").AssertReply("พิมพ์คำถามได้เลยค่ะ")
            .SendImage("m-1").AssertReply(DialogTexts.Thai.TextRetry)
            .SendImage("m-2").AssertReply(DialogTexts.Thai.PromptGiveUp)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .Send("สวัสดี").AssertReply("พิมพ์คำถามได้เลยค่ะ")
            .Send("ค่าขยะเท่าไร").AssertReply("ได้: ค่าขยะเท่าไร")
            .StartTestAsync();
    }

    [Fact]
    public async Task TextPrompt_UserReAddsTheBotMidPrompt_AsksAgainWithoutCountingAnAttempt()
    {
        await PromptHarness.Ask(new TextPrompt("question"), new PromptOptions { Prompt = "พิมพ์คำถามได้เลยค่ะ", MaxAttempts = 2 })
            .Send("สวัสดี").AssertReply("พิมพ์คำถามได้เลยค่ะ")
            .SendImage("m-1").AssertReply(DialogTexts.Thai.TextRetry)
            .Send(now => Activity.Followed("C-1", "U-1", now)).AssertReply("พิมพ์คำถามได้เลยค่ะ")
            .Send("แจ้งเกิดที่ไหน").AssertReply("ได้: แจ้งเกิดที่ไหน")
            .StartTestAsync();
    }
}
