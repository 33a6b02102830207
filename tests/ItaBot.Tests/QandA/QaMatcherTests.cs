using ItaBot.QandA;

namespace ItaBot.Tests.QandA;

public sealed class QaMatcherTests
{
    private static readonly QaMatcher Matcher = new(QaEvaluation.Pack, new QaOptions());

    /// <summary>
    /// The decision rules' own tests read the thresholds they were written for (session 13's, chosen for the pack's phrasings
    /// alone); the shipped defaults, chosen with learned phrasings, are tested by <see cref="Decide_AtTheDefaults_AWeakMatchNeedsTheLearnedPhrasingsScore"/>.
    /// </summary>
    private static readonly QaOptions Rules = QaEvaluation.Session13Options;

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

    /// <summary>Issue 13: questions naming the municipality get its one answer, not three choices.</summary>
    [Theory]
    [InlineData("เทศบาลเปิดกี่โมง", "faq:office-hours")]
    [InlineData("เทศบาลปิดกี่โมงคะ", "faq:office-hours")]
    [InlineData("เบอร์โทรเทศบาล", "faq:contact-phone")]
    [InlineData("ขอเบอร์โทรเทศบาลหน่อยค่ะ", "faq:contact-phone")]
    [InlineData("นายกเทศมนตรีชื่ออะไร", "faq:mayor")]
    [InlineData("นายกเทศบาลชื่ออะไรคะ", "faq:mayor")]
    public void Match_QuestionsNamingTheMunicipality_AreAnsweredDirectlyWithTheirEntry(string question, string expected)
    {
        var decision = Matcher.Match(question);

        Assert.Equal(QaDecisionKind.Answer, decision.Kind);
        Assert.Equal(expected, decision.Ranking.Best!.Entry.Id);
    }

    [Fact]
    public void Decide_WeakScoreWithAWideLead_AnswersDirectly()
    {
        // A long colloquial question scores low on every entry; a wide lead is what says which one it asks for.
        var ranking = Ranking(0.65, 0.35);

        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(ranking, Rules).Kind);
    }

    /// <summary>Session 10: the understanding step sure it is a question and the matcher clearly ahead agree, so a small lead is enough.</summary>
    [Theory]
    [InlineData(0.55, 0.3)]
    [InlineData(0.9, 0.8)]
    [InlineData(0.52, 0.45)]
    public void Decide_SmallLeadOnAQuestionTheUnderstandingIsSureOf_AnswersDirectly(double best, double second)
    {
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(best, second), Rules).Kind);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(best, second), Rules, sure: true).Kind);
    }

    [Theory]
    [InlineData(0.45, 0.1)]   // too weak a match, whatever the lead
    [InlineData(0.8, 0.78)]   // a near tie
    [InlineData(2.56, 2.33)]  // a one-word question ("ภาษี") between entries 9 % apart
    public void Decide_SureQuestionButTooWeakOrTied_OffersChoices(double best, double second) =>
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(best, second), Rules, sure: true).Kind);

    [Theory]
    [InlineData(0.4, 0.35)]
    [InlineData(0.9, 0.85)]
    [InlineData(0.28, 0.1)]
    [InlineData(0.45, 0.1)]   // a wide lead on a weak match below LeadFloor: as often a question the pack cannot answer
    [InlineData(0.55, 0.3)]   // below LeadFloor 0.6 (session 10) when the understanding step is not sure it is a question
    public void Decide_NarrowLeadOrTooWeakAMatch_OffersChoices(double best, double second) =>
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(best, second), Rules).Kind);

    /// <summary>
    /// Session 12: when the word and the character n-gram rankers each put the same entry first, a clear lead answers it at
    /// a score new writers' questions reach (their words are not the pack's); without the two agreeing it stays choices.
    /// </summary>
    [Theory]
    [InlineData(0.4, 0.26)]
    [InlineData(0.5, 0.35)]
    public void Decide_BothRankersAgreeAndTheBestLeads_AnswersALowScoreDirectly(double best, double second)
    {
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(best, second), Rules).Kind);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(best, second) with { Agreed = true }, Rules).Kind);
    }

    [Theory]
    [InlineData(0.3, 0.1)]    // below AgreeFloor
    [InlineData(0.45, 0.4)]   // a lead of 11 %
    public void Decide_BothRankersAgreeButTooWeakOrTied_OffersChoices(double best, double second) =>
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(best, second) with { Agreed = true }, Rules).Kind);

    /// <summary>The ranking says whether the two rankers agree: on the pack's own kind of question they do.</summary>
    [Fact]
    public void Rank_PlainQuestion_BothRankersAgree() => Assert.True(Matcher.Index.Rank("ค่าขยะเดือนละเท่าไหร่คะ").Agreed);

    /// <summary>
    /// Session 12: an executive is asked for by the everyday form of the position ("เลขานายก"), which the mayor's FAQ entry
    /// ("นายกชื่ออะไร") took before (four blind writers asked it this way).
    /// </summary>
    [Theory]
    [InlineData("เลขานายกชื่ออะไรคะ", "exec:mayor-secretary")]
    [InlineData("เลขานุการนายกคือใคร", "exec:mayor-secretary")]
    public void Rank_ExecutiveByTheEverydayFormOfThePosition_PutsThatExecutiveFirst(string question, string expected) =>
        Assert.Equal(expected, Matcher.Index.Rank(question).Best?.Entry.Id);

    /// <summary>
    /// Its extra words score it low on every entry: below LeadFloor (0.6 since session 10, chosen by cross-validation to keep
    /// wrong direct answers at most 2 %) it is offered as choices, the right one first, not answered on its lead.
    /// </summary>
    [Fact]
    public void Match_LongColloquialQuestion_OffersTheRightEntryFirst()
    {
        var decision = Matcher.Match("สวัสดีค่ะ คือจะถามว่าลูกสาวเพิ่งคลอดหลานที่โรงพยาบาลจังหวัดเมื่อวานนี้ ต้องไปแจ้งเกิดที่ไหนคะ ต้องเอาเอกสารอะไรไปบ้าง");

        Assert.Contains(decision.Kind, (QaDecisionKind[])[QaDecisionKind.Answer, QaDecisionKind.Offer]);
        Assert.Equal("faq:birth", decision.Ranking.Best!.Entry.Id);
    }

    /// <summary>
    /// Session 14: with the labelled questions learned as phrasings, the right entry of a new writer's question scores high
    /// (a learned question explains most of it), so a direct answer needs more score than before: a weak match on a wide
    /// lead, answered at session 13's thresholds, is offered as choices; a learned-phrasing score with a lead is answered.
    /// </summary>
    [Fact]
    public void Decide_AtTheDefaults_AWeakMatchNeedsTheLearnedPhrasingsScore()
    {
        // Close to the labelled questions nothing in the pack answers (session 16's rule needs a lead of 0.3 over them).
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(0.65, 0.3) with { Unanswerable = 0.5 }, Rules).Kind);
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(0.65, 0.3) with { Unanswerable = 0.5 }, new QaOptions()).Kind);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(0.6, 0.3) with { Agreed = true, Unanswerable = 0.45 }, Rules).Kind);
        Assert.Equal(QaDecisionKind.Offer, QaDecision.Decide(Ranking(0.6, 0.3) with { Agreed = true, Unanswerable = 0.45 }, new QaOptions()).Kind);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(0.9, 0.6), new QaOptions()).Kind);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(Ranking(1.25, 1.1), new QaOptions()).Kind);
    }

    /// <summary>
    /// Session 14: a labelled question is learned as a phrasing of the entry that answers it, so another person asking the
    /// same way is answered by that entry directly; without the learning the same question gets no direct answer.
    /// </summary>
    [Fact]
    public void Match_AQuestionAskedTheWayALabelledOneWas_IsAnsweredByItsEntry()
    {
        const string question = "ลูกหมาออกลูกเยอะมากจะให้ทางไหนมาฉีดยาทำหมันให้ฟรีคะ";
        var learned = new QaLearned([new LabelledQuestion("ลูกหมาออกลูกเยอะมาก อยากให้มาฉีดยาทำหมันให้ฟรี", "faq:stray-dogs", "test")]);
        var before = new QaMatcher(QaEvaluation.Pack, new QaOptions(), QaLearned.None).Match(question);
        var after = new QaMatcher(QaEvaluation.Pack, new QaOptions(), learned).Match(question);

        Assert.False(before.Kind == QaDecisionKind.Answer && before.Ranking.Best!.Entry.Id == "faq:stray-dogs");
        Assert.Equal(QaDecisionKind.Answer, after.Kind);
        Assert.Equal("faq:stray-dogs", after.Ranking.Best!.Entry.Id);
    }

    /// <summary>
    /// Session 14: a question like a labelled one nothing in the pack answers is not answered directly, even when a real
    /// entry shares its words ("ขอยืม…": the equipment loan); it is never offered either. Without the unanswerable
    /// questions learned, the equipment loan leads. Closer to such a question than to any entry, it is handed over (say so
    /// and offer a person), not offered choices.
    /// </summary>
    [Fact]
    public void Match_AQuestionLikeALabelledUnanswerableOne_IsNotAnsweredAndTheUnanswerableIsNeverOffered()
    {
        const string question = "ขอยืมเงินเทศบาลหน่อยได้ไหมคะ";
        LabelledQuestion[] loans = [.. QaEvaluation.Dev.Where(q => q.Expect == "faq:equipment-loan").Select(q => new LabelledQuestion(q.Question, q.Expect, "test"))];
        var positives = new QaMatcher(QaEvaluation.Pack, new QaOptions(), new QaLearned(loans)).Match(question);
        var both = new QaMatcher(QaEvaluation.Pack, new QaOptions(), new QaLearned([.. loans, new LabelledQuestion("ขอยืมเงินเทศบาลได้ไหม", QaLearned.Handover, "test")])).Match(question);

        // Whatever the thresholds: with any lead at all the equipment loan would be answered; the unanswerable questions take the lead away.
        var anyLead = new QaOptions { High = 0, MinMargin = 0.001 };
        Assert.Equal("faq:equipment-loan", positives.Ranking.Best!.Entry.Id);
        Assert.Equal(QaDecisionKind.Answer, QaDecision.Decide(positives.Ranking, anyLead).Kind);
        Assert.NotEqual(QaDecisionKind.Answer, QaDecision.Decide(both.Ranking, anyLead).Kind);
        Assert.Equal(QaDecisionKind.Handover, both.Kind);
        Assert.True(both.Ranking.Unanswerable > both.Ranking.Best!.Score);
        Assert.DoesNotContain(both.Ranking.Top, c => c.Entry.Id == QaCatalog.UnanswerableId);
    }

    /// <summary>Learned questions join only entries the agency's pack has; an id it lacks adds nothing; "handover" ones join the unanswerable entry.</summary>
    [Fact]
    public void Catalog_LearnedQuestionsForEntriesNotInThePack_AreLeftOut()
    {
        var learned = new QaLearned(
        [
            new LabelledQuestion("กระต่ายบินได้ไหม", "faq:no-such-entry", "test"),
            new LabelledQuestion("ราคาทองวันนี้", QaLearned.Handover, "test"),
            new LabelledQuestion("ขยะเก็บวันไหนนะ", "faq:garbage-fee", "test"),
        ]);
        var plain = QaCatalog.Build(QaEvaluation.Pack, learned: QaLearned.None);
        var built = QaCatalog.Build(QaEvaluation.Pack, learned: learned);

        Assert.Equal([.. plain.Select(e => e.Id), QaCatalog.UnanswerableId], built.Select(e => e.Id));
        Assert.Equal(plain.Sum(e => e.Phrasings.Count) + 2, built.Sum(e => e.Phrasings.Count));
        Assert.Contains("ขยะเก็บวันไหนนะ", built.Single(e => e.Id == "faq:garbage-fee").Phrasings);
        Assert.Equal(["ราคาทองวันนี้"], built.Single(e => e.Id == QaCatalog.UnanswerableId).Phrasings);
        Assert.DoesNotContain(built, e => e.Phrasings.Contains("กระต่ายบินได้ไหม"));
    }

    /// <summary>The service learns the dev sets the tests read: every labelled in-scope question joins its entry, the rest the unanswerable one.</summary>
    [Fact]
    public void Shipped_LearnedQuestions_AreTheDevSetsInScopeQuestions()
    {
        var labelled = QaEvaluation.Dev.Concat(QaEvaluation.FirstSet).Where(q => q.InScope).ToList();
        var catalog = QaCatalog.Build(QaEvaluation.Pack);
        var plain = QaCatalog.Build(QaEvaluation.Pack, learned: QaLearned.None);
        var ids = plain.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var unanswerable = QaEvaluation.Dev.Concat(QaEvaluation.FirstSet).Count(q => !q.InScope);

        Assert.True(labelled.Count > 1000);
        Assert.Equal(plain.Sum(e => e.Phrasings.Count) + labelled.Count(q => ids.Contains(q.Expect)) + unanswerable, catalog.Sum(e => e.Phrasings.Count));
        Assert.All(labelled.Where(q => ids.Contains(q.Expect)), q => Assert.Contains(q.Question, catalog.Single(e => e.Id == q.Expect).Phrasings));
    }

    /// <summary>
    /// Session 16: a match of 0.6 or more that leads the labelled questions nothing in the pack answers by 0.3 of its score
    /// and the runner-up by 0.1 is answered (measured leave one writer out: right ~97 % of the time there); close to those
    /// questions, close to the runner-up, or weaker, it is still offered as choices.
    /// </summary>
    [Theory]
    [InlineData(0.65, 0.55, 0.40, true)]
    [InlineData(0.90, 0.80, 0.60, true)]
    [InlineData(0.65, 0.55, 0.50, false)]
    [InlineData(0.90, 0.85, 0.40, false)]
    [InlineData(0.55, 0.30, 0.10, false)]
    public void Decide_AtTheDefaults_ALeadOverTheUnanswerableQuestionsAnswersAModestMatch(double best, double second, double unanswerable, bool answered)
    {
        var ranking = Ranking(best, second) with { Unanswerable = unanswerable };
        ranking = ranking with { Margin = (best - Math.Max(second, unanswerable)) / best };

        Assert.Equal(answered ? QaDecisionKind.Answer : QaDecisionKind.Offer, QaDecision.Decide(ranking, new QaOptions()).Kind);
    }

    private static QaRanking Ranking(double best, double second)
    {
        var entries = Matcher.Index.Entries;
        return new QaRanking([new QaCandidate(entries[0], best), new QaCandidate(entries[1], second)], (best - second) / best);
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
