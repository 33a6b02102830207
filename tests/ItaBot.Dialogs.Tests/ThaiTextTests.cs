using ItaBot.Dialogs.Prompts;

namespace ItaBot.Dialogs.Tests;

public sealed class ThaiTextTests
{
    [Theory]
    [InlineData("๐๑๒๓๔๕๖๗๘๙", "0123456789")]
    [InlineData("ซอย ๑๕", "ซอย 15")]
    [InlineData("no digits", "no digits")]
    public void ToArabicDigits_ThaiDigits_BecomeArabic(string input, string expected) =>
        Assert.Equal(expected, ThaiText.ToArabicDigits(input));

    [Theory]
    [InlineData("  ไฟ\u200Bฟ้า  ดับ!! ", "ไฟฟ้า ดับ")]
    [InlineData("ใช่ๆ", "ใช่")]
    [InlineData("OK", "ok")]
    [InlineData(null, "")]
    public void Normalize_NoisyInput_ComparesAsAPersonReadsIt(string? input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));

    [Theory]
    [InlineData("ใช่ค่ะ", "ใช่")]
    [InlineData("ไม่ได้นะครับ", "ไม่ได้")]
    [InlineData("ยกเลิก ค่ะ", "ยกเลิก")]
    [InlineData("ค่ะ", "ค่ะ")]
    public void NormalizeAnswer_PoliteParticlesAtTheEnd_AreDropped(string input, string expected) =>
        Assert.Equal(expected, ThaiText.NormalizeAnswer(input));
}
