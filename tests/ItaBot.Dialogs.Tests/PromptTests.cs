using System.Text.Json.Nodes;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Tests;

public sealed class PromptTests
{
    private static readonly PromptOptions ServiceChoice = new()
    {
        Prompt = "เลือกบริการค่ะ",
        Choices = [new Choice("ชำระภาษีที่ดิน", "land-tax"), new Choice("ขออนุญาตก่อสร้าง", "building"), new Choice("เบี้ยยังชีพผู้สูงอายุ", "elderly")],
    };

    [Theory]
    [InlineData("2", "building#1")]
    [InlineData("๒", "building#1")]
    [InlineData(" ๓. ", "elderly#2")]
    [InlineData("ขออนุญาตก่อสร้าง", "building#1")]
    [InlineData("ชำระภาษีที่ดินค่ะ", "land-tax#0")]
    [InlineData("อยากขอเบี้ยยังชีพผู้สูงอายุครับ", "elderly#2")]
    [InlineData("ก่อสร้าง", "building#1")]
    [InlineData("land-tax", "land-tax#0")]
    public async Task ChoicePrompt_AnswerByNumberLabelOrThaiDigit_PicksTheChoice(string answer, string expected)
    {
        await PromptHarness.Ask(new ChoicePrompt("choice"), ServiceChoice)
            .Send("สวัสดี").AssertReplyWithChoices("เลือกบริการค่ะ", "ชำระภาษีที่ดิน", "ขออนุญาตก่อสร้าง", "เบี้ยยังชีพผู้สูงอายุ")
            .Send(answer).AssertReply("ได้: " + expected)
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_PostbackWithValue_PicksTheChoice()
    {
        await PromptHarness.Ask(new ChoicePrompt("choice"), ServiceChoice)
            .Send("สวัสดี").AssertReply("เลือกบริการค่ะ")
            .SendPostback("elderly", "เบี้ยยังชีพผู้สูงอายุ").AssertReply("ได้: elderly#2")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("ภาษี ก่อสร้าง")]
    [InlineData("😀")]
    public async Task ChoicePrompt_AnswerOutOfRangeOrAmbiguous_AsksAgainWithTheChoices(string answer)
    {
        await PromptHarness.Ask(new ChoicePrompt("choice"), ServiceChoice)
            .Send("สวัสดี").AssertReply("เลือกบริการค่ะ")
            .Send(answer).AssertReplyWithChoices(DialogTexts.Thai.ChoiceRetry, "ชำระภาษีที่ดิน", "ขออนุญาตก่อสร้าง", "เบี้ยยังชีพผู้สูงอายุ")
            .Send("1").AssertReply("ได้: land-tax#0")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_ListStyle_NumbersTheChoicesInTheText()
    {
        await PromptHarness.Ask(new ChoicePrompt("choice") { Style = ListStyle.SuggestedActionsAndList }, ServiceChoice)
            .Send("สวัสดี").AssertReply("เลือกบริการค่ะ\n1. ชำระภาษีที่ดิน\n2. ขออนุญาตก่อสร้าง\n3. เบี้ยยังชีพผู้สูงอายุ")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("ใช่", "yes")]
    [InlineData("ใช่ค่ะ", "yes")]
    [InlineData("ใช่แล้วค่ะ", "yes")]
    [InlineData("ตกลงครับ", "yes")]
    [InlineData("ได้เลยจ้า", "yes")]
    [InlineData("Yes", "yes")]
    [InlineData("OK!", "yes")]
    [InlineData("1", "yes")]
    [InlineData("ไม่ใช่", "no")]
    [InlineData("ไม่ค่ะ", "no")]
    [InlineData("ไม่ใช่แล้วครับ", "no")]
    [InlineData("ไม่เอาครับ", "no")]
    [InlineData("no", "no")]
    [InlineData("๒", "no")]
    public async Task ConfirmPrompt_ThaiOrEnglishAnswer_IsUnderstood(string answer, string expected)
    {
        await PromptHarness.Ask(new ConfirmPrompt("confirm"), new PromptOptions { Prompt = "ยืนยันไหมคะ" })
            .Send("สวัสดี").AssertReplyWithChoices("ยืนยันไหมคะ", "ใช่", "ไม่ใช่")
            .Send(answer).AssertReply("ได้: " + expected)
            .StartTestAsync();
    }

    [Fact]
    public async Task ConfirmPrompt_UnclearAnswer_AsksAgainWithButtons()
    {
        await PromptHarness.Ask(new ConfirmPrompt("confirm"), new PromptOptions { Prompt = "ยืนยันไหมคะ" })
            .Send("สวัสดี").AssertReply("ยืนยันไหมคะ")
            .Send("ไม่แน่ใจว่าใช่").AssertReplyWithChoices(DialogTexts.Thai.ConfirmRetry, "ใช่", "ไม่ใช่")
            .SendPostback("ไม่ใช่").AssertReply("ได้: no")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("35", "35")]
    [InlineData("๓๕", "35")]
    [InlineData("อายุ ๓๕ ปีค่ะ", "35")]
    [InlineData("-4", "-4")]
    public async Task NumberPrompt_ThaiOrArabicDigits_ParsesAnInteger(string answer, string expected)
    {
        await PromptHarness.Ask(new NumberPrompt<int>("number"), new PromptOptions { Prompt = "อายุเท่าไรคะ" })
            .Send("สวัสดี").AssertReply("อายุเท่าไรคะ")
            .Send(answer).AssertReply("ได้: " + expected)
            .StartTestAsync();
    }

    [Fact]
    public async Task NumberPrompt_DecimalWithThousandsSeparator_ParsesADecimal()
    {
        await PromptHarness.Ask(new NumberPrompt<decimal>("number"), new PromptOptions { Prompt = "ยอดเงินเท่าไรคะ" })
            .Send("สวัสดี").AssertReply("ยอดเงินเท่าไรคะ")
            .Send("๑,๒๕๐.๕๐ บาท").AssertReply("ได้: 1250.50")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("ไม่รู้")]
    [InlineData("3 หรือ 4")]
    [InlineData("2.5")]
    public async Task NumberPrompt_NoSingleWholeNumber_AsksAgain(string answer)
    {
        await PromptHarness.Ask(new NumberPrompt<int>("number"), new PromptOptions { Prompt = "อายุเท่าไรคะ" })
            .Send("สวัสดี").AssertReply("อายุเท่าไรคะ")
            .Send(answer).AssertReply(DialogTexts.Thai.NumberRetry)
            .Send("60").AssertReply("ได้: 60")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("5/3/2568", "2025-03-05")]
    [InlineData("๕/๓/๒๕๖๘", "2025-03-05")]
    [InlineData("5/3/68", "2025-03-05")]
    [InlineData("2025-03-05", "2025-03-05")]
    [InlineData("5 มี.ค. 68", "2025-03-05")]
    [InlineData("วันที่ 5 มีนาคม พ.ศ. 2568", "2025-03-05")]
    [InlineData("29/2/2567", "2024-02-29")]
    [InlineData("1/1/2025", "2025-01-01")]
    public async Task DatePrompt_ThaiOrIsoDate_ConvertsBuddhistEraToCommonEra(string answer, string expected)
    {
        var time = SampleBot.Clock();
        await PromptHarness.Ask(new DatePrompt("date", time), new PromptOptions { Prompt = "เกิดเหตุวันไหนคะ" }, time)
            .Send("สวัสดี").AssertReply("เกิดเหตุวันไหนคะ")
            .Send(answer).AssertReply("ได้: " + expected)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("วันนี้", "2025-03-06")]
    [InlineData("เมื่อวานค่ะ", "2025-03-05")]
    [InlineData("พรุ่งนี้", "2025-03-07")]
    [InlineData("10 มีนา", null)]
    [InlineData("10 มี.ค.", "2025-03-10")]
    public async Task DatePrompt_RelativeWordLateInTheUtcDay_UsesThaiToday(string answer, string? expected)
    {
        // 20:00 UTC on 5 March is 03:00 on 6 March in Thailand.
        var time = SampleBot.Clock();
        time.SetUtcNow(new DateTimeOffset(2025, 3, 5, 20, 0, 0, TimeSpan.Zero));
        await PromptHarness.Ask(new DatePrompt("date", time), new PromptOptions { Prompt = "วันไหนคะ" }, time)
            .Send("สวัสดี").AssertReply("วันไหนคะ")
            .Send(answer).AssertReply(expected is null ? DialogTexts.Thai.DateRetry : "ได้: " + expected)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("31/2/2568")]
    [InlineData("13/13/2568")]
    [InlineData("เมื่อไรก็ได้")]
    public async Task DatePrompt_ImpossibleOrUnknownDate_AsksAgain(string answer)
    {
        var time = SampleBot.Clock();
        await PromptHarness.Ask(new DatePrompt("date", time), new PromptOptions { Prompt = "วันไหนคะ" }, time)
            .Send("สวัสดี").AssertReply("วันไหนคะ")
            .Send(answer).AssertReply(DialogTexts.Thai.DateRetry)
            .StartTestAsync();
    }

    [Fact]
    public async Task LocationPrompt_TextThenLocation_AsksAgainThenTakesTheLocation()
    {
        await PromptHarness.Ask(new LocationPrompt("where"), new PromptOptions { Prompt = "แชร์ตำแหน่งค่ะ" })
            .Send("สวัสดี").AssertReply("แชร์ตำแหน่งค่ะ")
            .Send("หน้าตลาด").AssertReply(DialogTexts.Thai.LocationRetry)
            .SendLocation(15.6512, 101.9843, "ตลาดสด").AssertReply("ได้: 15.6512,101.9843")
            .StartTestAsync();
    }

    [Fact]
    public async Task AttachmentPrompt_LocationOrFileThenImage_TakesOnlyTheImage()
    {
        await PromptHarness.Ask(new AttachmentPrompt("photo"), new PromptOptions { Prompt = "ส่งรูปค่ะ", RetryPrompt = "ขอเป็นรูปถ่ายนะคะ" })
            .Send("สวัสดี").AssertReply("ส่งรูปค่ะ")
            .SendLocation(15.65, 101.98).AssertReply("ขอเป็นรูปถ่ายนะคะ")
            .SendFile("m-1", "report.pdf").AssertReply("ขอเป็นรูปถ่ายนะคะ")
            .SendImage("m-2").AssertReply("ได้: Image:m-2")
            .StartTestAsync();
    }

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
    public async Task NumberPrompt_MaxAttemptsReached_GivesUpPolitelyAndNextMessageStartsFresh()
    {
        await PromptHarness.Ask(new NumberPrompt<int>("number"), new PromptOptions { Prompt = "อายุเท่าไรคะ", MaxAttempts = 2 })
            .Send("สวัสดี").AssertReply("อายุเท่าไรคะ")
            .Send("ไม่บอก").AssertReply(DialogTexts.Thai.NumberRetry)
            .Send("ไม่บอกจริงๆ").AssertReply(DialogTexts.Thai.PromptGiveUp)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .Send("40").AssertReply("อายุเท่าไรคะ")
            .Send("40").AssertReply("ได้: 40")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_GiveUpInsideNestedComponent_EndsTheWholeFlow()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("หมา").AssertReply(DialogTexts.Thai.ChoiceRetry)
            .Send("แมว").AssertReply(DialogTexts.Thai.ChoiceRetry)
            .Send("นก").AssertReply(DialogTexts.Thai.PromptGiveUp)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .Send("1").AssertReply(SampleBot.MenuPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task NumberPrompt_UserReAddsTheBotMidPrompt_AsksAgainWithoutCountingAnAttempt()
    {
        await PromptHarness.Ask(new NumberPrompt<int>("number"), new PromptOptions { Prompt = "อายุเท่าไรคะ", MaxAttempts = 2 })
            .Send("สวัสดี").AssertReply("อายุเท่าไรคะ")
            .Send("ไม่บอก").AssertReply(DialogTexts.Thai.NumberRetry)
            .Send(now => Activity.Followed("C-1", "U-1", now)).AssertReply("อายุเท่าไรคะ")
            .Send("๗๐").AssertReply("ได้: 70")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_NoChoices_ThrowsWhereTheFlowIsWritten()
    {
        var flow = PromptHarness.Ask(new ChoicePrompt("choice"), new PromptOptions { Prompt = "เลือกค่ะ" }).Send("สวัสดี");

        await Assert.ThrowsAsync<ArgumentException>(flow.StartTestAsync);
    }
}
