using ItaBot.QandA;

namespace ItaBot.Tests.QandA;

public sealed class ThaiNormalizerTests
{
    [Theory]
    [InlineData("ค่าาาา", "ค่า")]
    [InlineData("เสียยยยย", "เสีย")]
    [InlineData("555+", "555")]
    [InlineData("ไฟดับ!!!!", "ไฟดับ")]
    [InlineData("ปี ๒๕๖๘", "ปี 2568")]
    [InlineData("แจ้ง\u200Bเกิด\uFEFF", "แจ้งเกิด")]
    [InlineData("E-Mail", "อีเมล")]
    [InlineData("เท่าไหร่", "เท่าไหร่")]
    [InlineData("เท่าไหร", "เท่าไหร่")]
    [InlineData("ธรรม", "ธรรม")]
    [InlineData("ใบอนุญาติ", "ใบอนุญาต")]
    [InlineData("เบี้ยคนแก่", "เบี้ยยังชีพผู้สูงอายุ")]
    [InlineData("หมายถึง", "หมายถึง")]
    [InlineData("taxที่ดิน", "ภาษี ที่ดิน")]
    [InlineData("ไฟถนน 💡💡", "ไฟถนน")]
    public void Normalize_CitizenTyping_GivesTheCanonicalForm(string typed, string expected) =>
        Assert.Equal(expected, ThaiNormalizer.Normalize(typed));

    [Fact]
    public void Normalize_SaraAmTypedAsNikhahitAndAa_IsSaraAm() =>
        Assert.Equal("น\u0E49\u0E33", ThaiNormalizer.Normalize("น\u0E4D\u0E49\u0E32"));

    [Fact]
    public void Normalize_SaraAmWithTheToneMarkAfter_PutsTheToneFirst() =>
        Assert.Equal("น\u0E49\u0E33", ThaiNormalizer.Normalize("น\u0E33\u0E49"));

    [Theory]
    [InlineData("ขอสอบถาม ค่าขยะเดือนละเท่าไรคะ", "ค่าขยะเดือนละเท่าไหร่")]
    [InlineData("เปิดกี่โมงครับ", "เปิดกี่โมง")]
    [InlineData("ขอเบอร์หน่อยค่ะ", "ขอเบอร์โทร")]
    [InlineData("อยากทราบว่า แจ้งเกิดยังงัย นะคะ", "แจ้งเกิดยังไง")]
    [InlineData("tax ที่ดิน", "ภาษี ที่ดิน")]
    public void ForMatching_PoliteParticlesAndFillers_AreDropped(string typed, string expected) =>
        Assert.Equal(expected, ThaiNormalizer.ForMatching(typed));

    [Theory]
    [InlineData("😀😀😀")]
    [InlineData("!!!???")]
    [InlineData("ครับ")]
    [InlineData("   ")]
    public void ForMatching_NothingToMatch_IsEmpty(string typed) => Assert.Equal("", ThaiNormalizer.ForMatching(typed));

    [Fact]
    public void Normalize_FiveThousandCharacters_IsCutBeforeWork() =>
        Assert.True(ThaiNormalizer.Normalize(string.Concat(Enumerable.Repeat("ภาษีที่ดิน ", 500))).Length <= ThaiNormalizer.MaxQuestionLength);
}
