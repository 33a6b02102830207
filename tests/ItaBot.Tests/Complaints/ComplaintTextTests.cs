using ItaBot.Complaints;
using ItaBot.Content;

namespace ItaBot.Tests.Complaints;

/// <summary>The small judgements of the complaint flow: corruption or not, phone numbers, clean text, the category of a typed message.</summary>
public sealed class ComplaintTextTests
{
    [Theory]
    [InlineData("เจ้าหน้าที่เรียกเงินใต้โต๊ะตอนขออนุญาตก่อสร้าง")]
    [InlineData("ปลัดรับสินบนจากผู้รับเหมา")]
    [InlineData("ถนนที่ผู้รับเหมาเพิ่งทำพังแล้ว โกงงบแน่ ๆ")]
    [InlineData("สงสัยว่ามีการฮั้วประมูลโครงการขุดลอกคลอง")]
    [InlineData("นายกเอื้อประโยชน์ให้ญาติได้งานจัดจ้าง")]
    [InlineData("จนท.เรียก\u200Bเงิน 500 บาทถึงจะรับเรื่อง")]
    [InlineData("ทุ\u200Bจ\u200Bริ\u200Bต")]
    [InlineData("CORRUPTION in the mayor's office")]
    [InlineData("โครงการนี้ โกง งบประมาณ ผู้รับเหมา")]
    public void LooksLikeCorruption_ReportsOfOfficialsMisconduct_AreRecognised(string text) =>
        Assert.True(CorruptionSignals.LooksLikeCorruption(text));

    [Theory]
    [InlineData("ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ")]
    [InlineData("ขยะไม่มีคนมาเก็บเลย เหม็นมาก")]
    [InlineData("หมาจรจัดกัดเด็กแถวตลาด")]
    [InlineData("ท่อระบายน้ำตัน น้ำท่วมขังหน้าบ้าน")]
    [InlineData("เจ้าหน้าที่มาเก็บขยะเช้าเกินไป เสียงดัง")]
    [InlineData("")]
    [InlineData("   ")]
    public void LooksLikeCorruption_EverydayComplaints_AreNot(string text) =>
        Assert.False(CorruptionSignals.LooksLikeCorruption(text));

    [Theory]
    [InlineData("0812345678", "0812345678")]
    [InlineData("081-234-5678", "0812345678")]
    [InlineData("๐๘๑ ๒๓๔ ๕๖๗๘", "0812345678")]
    [InlineData("+66 81 234 5678", "0812345678")]
    [InlineData("044-056100", "044056100")]
    public void PhoneNumbers_AsPeopleTypeThem_AreRead(string typed, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData("12345")]
    [InlineData("เบอร์ 0812345678")]
    [InlineData("1812345678")]
    [InlineData("081234567890123")]
    [InlineData("")]
    public void PhoneNumbers_ThatAreNotThaiNumbers_AreRefused(string typed) =>
        Assert.Null(PhoneNumbers.Normalise(typed));

    [Fact]
    public void Clean_RemovesInvisibleAndControlCharacters_KeepsEmojiThaiAndLines()
    {
        var cleaned = Descriptions.Clean("ไฟ\u200Bดับ\u0007 👨‍👩‍👧 🇹🇭\nซอย ๓\u202E", 5000);

        Assert.Equal("ไฟดับ 👨‍👩‍👧 🇹🇭\nซอย ๓", cleaned);
    }

    [Fact]
    public void Clean_FiveThousandCharacters_AreKept_MoreAreCutAtAWholeCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("น้ำท่วม🙏", 1000));   // 8 UTF-16 units each, emoji last

        var kept = Descriptions.Clean(text[..5000], 5000);
        var cut = Descriptions.Clean(text, 5000);

        Assert.Equal(text[..5000], kept);
        Assert.True(cut.Length <= 5000);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]), "an emoji was split");
    }

    [Theory]
    [InlineData("ไฟถนนดับ", "street-light")]
    [InlineData("มีหลุมใหญ่กลางถนน", "road")]
    [InlineData("ขยะล้นถัง", "garbage")]
    [InlineData("ไฟฟ้าสาธารณะ/ไฟถนนดับ", "street-light")]
    public void CategoryMatcher_TypedWords_PickTheCategory(string typed, string expected)
    {
        var categories = Categories();

        Assert.Equal(expected, CategoryMatcher.Match(categories, typed)?.Id);
    }

    [Fact]
    public void CategoryMatcher_NothingItKnows_IsNoAnswer()
    {
        var categories = Categories();

        Assert.Null(CategoryMatcher.Match(categories, "สวัสดีค่ะ"));
    }

    private static IReadOnlyList<ComplaintCategory> Categories() =>
        ContentPackLoader.Load(ShippedFolder.Find("content", "agency.yaml", AppContext.BaseDirectory)!).ComplaintCategories;

    [Fact]
    public void Distance_AcrossTown_IsSmall_ToBangkok_IsLarge()
    {
        Assert.InRange(Geo.DistanceKm(16.0, 102.0, 16.01, 102.01), 1.0, 2.0);
        Assert.InRange(Geo.DistanceKm(16.0, 102.0, 13.7563, 100.5018), 250, 350);
    }
}
