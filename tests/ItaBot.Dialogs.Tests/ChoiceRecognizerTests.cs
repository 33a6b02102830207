using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Tests;

/// <summary>How a typed or tapped answer is matched to the choices a field (or any flow) offered.</summary>
public sealed class ChoiceRecognizerTests
{
    private static readonly Choice[] Services =
        [new Choice("ชำระภาษีที่ดิน", "land-tax"), new Choice("ขออนุญาตก่อสร้าง", "building"), new Choice("เบี้ยยังชีพผู้สูงอายุ", "elderly")];

    [Theory]
    [InlineData("2", "building#1")]
    [InlineData("๒", "building#1")]
    [InlineData(" ๓. ", "elderly#2")]
    [InlineData("ขออนุญาตก่อสร้าง", "building#1")]
    [InlineData("ชำระภาษีที่ดินค่ะ", "land-tax#0")]
    [InlineData("อยากขอเบี้ยยังชีพผู้สูงอายุครับ", "elderly#2")]
    [InlineData("ก่อสร้าง", "building#1")]
    [InlineData("land-tax", "land-tax#0")]
    public void Recognize_AnswerByNumberLabelOrThaiDigit_PicksTheChoice(string answer, string expected)
    {
        var found = ChoiceRecognizer.Recognize(answer, Services);

        Assert.Equal(expected, found is null ? null : $"{found.Value}#{found.Index}");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("ภาษี ก่อสร้าง")]
    [InlineData("😀")]
    [InlineData("")]
    public void Recognize_AnswerOutOfRangeOrAmbiguous_FindsNothing(string answer)
    {
        Assert.Null(ChoiceRecognizer.Recognize(answer, Services));
    }

    [Fact]
    public void Recognize_PostbackWithValue_PicksTheChoice_AnImageNothing()
    {
        var now = new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal("elderly", ChoiceRecognizer.Recognize(Activity.Postback("C-1", "U-1", "elderly", now, "เบี้ยยังชีพผู้สูงอายุ"), Services)?.Value);
        Assert.Null(ChoiceRecognizer.Recognize(Activity.SentAttachment("C-1", "U-1", new AttachmentRef(AttachmentKind.Image, "m-1"), now), Services));
    }

    [Fact]
    public void Recognize_WithoutPartialMatches_AMentionIsNotAnAnswer()
    {
        Choice[] yesNo = [new Choice("ใช่", "yes"), new Choice("ไม่ใช่", "no")];

        Assert.Null(ChoiceRecognizer.Recognize("ไม่แน่ใจว่าใช่ไหม", yesNo, allowPartial: false));
        Assert.Equal("yes", ChoiceRecognizer.Recognize("ใช่ค่ะ", yesNo, allowPartial: false)?.Value);
    }
}
