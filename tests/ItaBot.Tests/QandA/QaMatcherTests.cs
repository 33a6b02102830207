using ItaBot.QandA;

namespace ItaBot.Tests.QandA;

public sealed class QaMatcherTests
{
    private static readonly QaMatcher Matcher = new(QaEvaluation.Pack, new QaOptions());

    [Theory]
    [InlineData("แจ้งเกิดลูก", "faq:birth")]
    [InlineData("เทศบาลเปิดกี่โมง ปิดกี่โมง", "faq:office-hours")]
    [InlineData("ค่าขยะเท่าไหร่", "faq:garbage-fee")]
    [InlineData("044-056-100", "faq:contact-phone")]
    public void Rank_PackPhrasings_PutTheirEntryFirst(string question, string expected) =>
        Assert.Equal(expected, Matcher.Index.Rank(question).Best?.Entry.Id);

    [Fact]
    public void Match_ThePacksOwnQuestion_IsAnsweredDirectly()
    {
        var decision = Matcher.Match("ลงทะเบียนเบี้ยยังชีพผู้สูงอายุยังไง");

        Assert.Equal(QaDecisionKind.Answer, decision.Kind);
        Assert.Equal("faq:elderly-register", decision.Ranking.Best!.Entry.Id);
    }

    [Theory]
    [InlineData("ผลบอลเมื่อคืน")]
    [InlineData("ขอยืมเงินเทศบาลได้ไหม")]
    [InlineData("ราคาน้ำมันพรุ่งนี้")]
    [InlineData("ปวดหัวกินยาอะไรดี")]
    public void Match_OutOfScope_IsNotAnsweredDirectly(string question) =>
        Assert.NotEqual(QaDecisionKind.Answer, Matcher.Match(question).Kind);

    [Fact]
    public void Match_EmojiOnly_IsEmpty() => Assert.Equal(QaDecisionKind.Empty, Matcher.Match("🙏🙏😀").Kind);

    [Fact]
    public void Rank_ThaiDigitsAndArabicDigits_RankTheSame() =>
        Assert.Equal(Matcher.Index.Rank("เบี้ยผู้สูงอายุ 70 ปี").Best?.Entry.Id, Matcher.Index.Rank("เบี้ยผู้สูงอายุ ๗๐ ปี").Best?.Entry.Id);

    [Fact]
    public void Rank_FiveThousandCharacters_StillRanks()
    {
        var question = "ภาษีที่ดิน" + new string('ก', 5000);

        Assert.NotNull(Matcher.Index.Rank(question).Best);
    }

    [Fact]
    public void Rank_TopThree_NeverHoldsAnFaqEntryAndItsOwnService()
    {
        var top = Matcher.Index.Rank("แจ้งเกิด").Top.Take(3).ToList();

        Assert.DoesNotContain(top, a => top.Any(b => !ReferenceEquals(a, b) && a.Entry.IsLinkedTo(b.Entry)));
    }

    [Fact]
    public void Rank_AfterThePackIsReloaded_UsesTheNewPack()
    {
        using var pack = new Content.TempContentPack();
        pack.Replace("faq.yaml", "question: ขอบคุณ", "question: ขอบคุณ ขอบใจ กระต่ายบินได้");
        var provider = new ItaBot.Content.ContentPackProvider(pack.Directory, ItaBot.Content.ContentPackLoader.Load(TempContentPackPath()),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ItaBot.Content.ContentPackProvider>.Instance);
        var matcher = new QaMatcher(provider, Microsoft.Extensions.Options.Options.Create(new QaOptions()));
        Assert.NotEqual("faq:thanks", matcher.Index.Rank("กระต่ายบินได้").Best?.Entry.Id);

        Assert.True(provider.Reload().Swapped);

        Assert.Equal("faq:thanks", matcher.Index.Rank("กระต่ายบินได้").Best?.Entry.Id);
    }

    private static string TempContentPackPath() => Content.TempContentPack.ShippedDirectory;
}
