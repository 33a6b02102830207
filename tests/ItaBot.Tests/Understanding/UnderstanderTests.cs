using ItaBot.QandA;
using ItaBot.Tests.QandA;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

public sealed class UnderstanderTests
{
    /// <summary>Issue 13: naming the municipality makes a question neither out of scope nor a complaint.</summary>
    [Theory]
    [InlineData("เทศบาลเปิดกี่โมงคะ")]
    [InlineData("เทศบาลปิดกี่โมง")]
    [InlineData("ขอเบอร์โทรเทศบาลค่ะ")]
    [InlineData("เบอร์เทศบาล")]
    [InlineData("เทศบาลอยู่ไหนครับ")]
    [InlineData("เทศบาลเปิดวันเสาร์ไหม")]
    [InlineData("อีเมลเทศบาลคืออะไร")]
    public void Understand_QuestionNamingTheMunicipality_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 15 (issue 13): what the rules' problem words call a complaint ("งูเข้าบ้าน", "ใบเก่าขาด", "พ่อเสีย") is a question
    /// when the model reads more of a question than of a complaint in it (complaint posterior below IntentBlend.ComplaintKept)
    /// and the pack answers it strongly: the understanding step had sent such questions to the complaint intake.
    /// </summary>
    [Theory]
    [InlineData("งูเข้าบ้าน เทศบาลมาจับให้ได้ไหมคะ")]
    [InlineData("พ่อเสียที่บ้านเมื่อคืน ต้องแจ้งตายที่ไหนคะ")]
    [InlineData("ขอคัดสำเนาสูติบัตรค่ะ ใบเก่าขาดแล้ว")]
    [InlineData("ร้องเรียนเรื่องทั่วไปทำที่ไหนได้บ้าง")]
    public void Understand_QuestionTheRulesReadAsAComplaint_ThePackAnswersStrongly_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 17: the same holds when the pack answers directly on a weaker match (below 0.8, or on its lead over the
    /// unanswerable questions alone), as it does for a new writer's words: a question the rules' problem words call a complaint
    /// and the model reads as a question ("…มันรั่วหรือคิดผิด", "…ขอทราบขั้นตอนการแจ้งตาย"). Here the pack's phrasings alone,
    /// answered directly from 0.5, stand in for a new writer's weaker match; at the old bar (0.8) the same messages went to the
    /// complaint intake.
    /// </summary>
    [Theory]
    [InlineData("ค่าน้ำเดือนนี้มาเก้าร้อย ปกติจ่ายสองร้อยเอง มันรั่วหรือคิดผิดคะ")]
    [InlineData("ยายเสียที่บ้านเมื่อคืน ขอทราบขั้นตอนการแจ้งตายค่ะ")]
    public void Understand_QuestionTheRulesReadAsAComplaint_ThePackAnswersOnAWeakerMatch_IsAQuestion(string text)
    {
        var matcher = new QaMatcher(QaEvaluation.Pack, new QaOptions { High = 0.5 }, QaLearned.None);
        var decision = matcher.Match(text);
        Assert.Equal(QaDecisionKind.Answer, decision.Kind);
        Assert.True(decision.Ranking.Best!.Score < 0.8, $"score {decision.Ranking.Best.Score}");

        Assert.Equal(Intent.Question, new Understander(matcher, IntentModel.Shipped).Understand(text).Intent);
        Assert.Equal(Intent.Complaint, new Understander(matcher, IntentModel.Shipped, IntentBlend.Default with { QuestionOverComplaint = 0.8 }).Understand(text).Intent);
    }

    /// <summary>
    /// Session 15: over a question the pack answers strongly the model needs IntentBlend.ComplaintOverAnswer, not
    /// IntentBlend.Complaint, to make it a complaint ("ไฟทางหน้าบ้านเสียแจ้งใครได้" asks who to tell).
    /// </summary>
    [Theory]
    [InlineData("ไฟทางหน้าบ้านเสียแจ้งใครได้")]
    [InlineData("ท่อระบายน้ำตันแจ้งที่ไหน")]
    public void Understand_QuestionTheModelLeansToComplaint_ThePackAnswersStrongly_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 15: a problem told with its plea or its duration is still a complaint, whatever the pack answers.</summary>
    [Theory]
    [InlineData("ขยะหน้าบ้านไม่มีใครมาเก็บ 3 วันแล้ว เหม็นมาก")]
    [InlineData("ไฟถนนหน้าบ้านดับมาสามคืนแล้ว ช่วยมาซ่อมด่วนค่ะ")]
    [InlineData("ท่อตันน้ำเน่าล้นหน้าบ้าน")]
    public void Understand_ComplaintThePackAlsoAnswers_StaysAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Questions that name officials or ask for something for the community, which the pack answers: not reports of corruption.</summary>
    [Theory]
    [InlineData("ประธานสภาคือใคร")]
    [InlineData("รองนายกมีใครบ้าง")]
    [InlineData("สมาชิกสภาเขต 2 มีใครบ้าง")]
    [InlineData("ขอคุยกับเจ้าหน้าที่หน่อยได้ไหมคะ")]
    [InlineData("ชุมชนเราขอกล้องวงจรปิดได้ไหม")]
    public void Understand_QuestionNamingOfficialsThePackAnswers_IsNotACorruptionReport(string text)
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 17 (issue 13): the out-of-scope word lists hit other business inside the municipality's own words ("ขึ้นศาล" in
    /// "ขึ้นศาลา", a used-car lot's cars on the pavement); where the learned scope score and the naive Bayes posterior both read
    /// no other business (IntentBlend.ScopeVeto), the message is read on: a complaint or a question, not turned away.
    /// </summary>
    [Theory]
    [InlineData("บันไดทางขึ้นศาลาอเนกประสงค์หมู่ 3 พังแล้วค่ะ ช่วยมาซ่อมด้วย", "Complaint")]
    [InlineData("เต็นท์รถมือสองตั้งรถขวางทางเท้าหน้าบ้านเลขที่ 45 คนแก่ต้องเดินลงถนน", "Complaint")]
    [InlineData("อยากให้เทศบาลสร้างหลังคาทางขึ้นศาลาเอนกประสงค์ ต้องทำหนังสือถึงใครคะ", "Question")]
    public void Understand_OutOfScopeWordInsideTheMunicipalitysBusiness_IsReadOn(string text, string expected)
    {
        Assert.Equal(expected, IntentEvaluation.Understander.Understand(text).Intent.ToString());
    }

    /// <summary>
    /// Session 17 (issue 13): other agencies' business told the way a complaint or a municipal question is told — stolen
    /// livestock, a child bullied at school, today's dust — is out of scope by the learned scope score
    /// (IntentBlend.ScopeOverComplaint, ScopeForeign) or the naive Bayes posterior (OutOfScopeNamed), not by a word list.
    /// </summary>
    [Theory]
    [InlineData("ควายหายไปสองตัวเมื่อคืน สงสัยโดนขโมย ต้องแจ้งใครครับ")]
    [InlineData("หลานโดนเพื่อนในห้องแกล้งทุกวัน ร้องเรียนครูได้ที่ไหนคะ")]
    [InlineData("ค่าฝุ่นวันนี้อันตรายไหม ออกไปวิ่งได้หรือเปล่า")]
    public void Understand_OtherAgenciesBusinessToldLikeAComplaint_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 17: the municipality's own questions and requests stay its own under the learned scope score.</summary>
    [Theory]
    [InlineData("เทศบาลเก็บขยะวันไหนบ้างคะ")]
    [InlineData("ขอสมัครงานจ้างเหมาเทศบาลต้องใช้อะไรบ้าง")]
    [InlineData("ต้นไม้ใหญ่ในวัดจะล้มทับกุฏิ ขอให้เทศบาลมาตัดได้ไหม")]
    [InlineData("ขอให้เทศบาลมาลอกท่อหน้าร้านทองตรงสี่แยก น้ำขังทุกครั้งที่ฝนตก")]
    public void Understand_MunicipalBusiness_IsNotOutOfScope(string text)
    {
        Assert.NotEqual(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 17: the learned scope score reads other business high and the municipality's low (IntentScores.OutOfScope).</summary>
    [Fact]
    public void ScopeScore_TellsOtherBusinessFromTheMunicipalitys()
    {
        var model = IntentModel.Shipped;
        Assert.True(model.Score("ลูกชายทำงานไต้หวัน ส่งเงินกลับบ้านทางไหนถูกสุด").OutOfScope > 0.7);
        Assert.True(model.Score("เทศบาลเก็บขยะวันไหนบ้างคะ").OutOfScope < 0.15);
    }

    /// <summary>Session 12: the municipality's vehicles, aid or materials gone to an official's or kin's use is misconduct, however told.</summary>
    [Theory]
    [InlineData("ปลัดเอารถน้ำไปรดสวนที่บ้านเมียทุกเย็น ชาวบ้านขอรถน้ำบอกไม่ว่าง")]
    [InlineData("ถุงยังชีพที่เทศบาลแจกน้ำท่วม ไปกองอยู่ร้านค้าของลูกนายก ชาวบ้านไม่ได้สักถุง")]
    [InlineData("รถขยะเทศบาลไปขนของให้บ้านกำนันทั้งวัน ขยะในซอยเลยไม่มีใครเก็บ")]
    public void Understand_MunicipalThingsGoneToPrivateUse_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 12: a power cut, meter or bill of the electricity authority (or the provincial waterworks) is theirs, however fully told.</summary>
    /// <summary>
    /// Session 13 (set 7's misses, written anew): the municipality's vehicle working for a private business, an official's
    /// "pay the fuel first, then we come" (Isan "จั่งสิ" for "ถึงจะ"), and a project paid in full that was not half done.
    /// </summary>
    [Theory]
    [InlineData("รถน้ำเทศบาลไปฉีดล้างลานจอดรถของโรงแรมเอกชนทุกเช้า")]
    [InlineData("ช่างเพิ่นว่าต้องจ่ายค่าน้ำมันให้ก่อน จั่งสิมาซ่อมไฟให้")]
    [InlineData("โครงการขุดลอกคลอง ทำจริงไม่ถึงครึ่ง แต่เบิกเงินไปเต็มแล้ว")]
    public void Understand_ServiceSoldOrPaidForNothing_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 13: asking whether a service costs fuel money is a question, not a report.</summary>
    [Fact]
    public void Understand_AskingWhetherTheWaterTruckCostsFuel_IsNotCorruption()
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand("ขอรถน้ำเทศบาลไปใช้งานบุญต้องจ่ายค่าน้ำมันไหมคะ").Intent);
    }

    /// <summary>
    /// Session 13 (set 7's my-case recall was 6 of 10): "the matter I reported …" followed by when, what was done, or which
    /// step, and a case asked after by its number, is the writer's own case.
    /// </summary>
    [Theory]
    [InlineData("เรื่องที่หนูแจ้งไฟดับ ทำไรไปยังคะ")]
    [InlineData("เรื่องที่ผมแจ้งท่อตัน ช่างจะมาเมื่อไหร่ครับ")]
    [InlineData("เรื่องที่ข่อยแจ้งขยะ สิมาเก็บมื้อได๋")]
    [InlineData("ขอทราบว่าหมายเลขเรื่อง 2026-0099 ถึงขั้นตอนใดแล้วคะ")]
    public void Understand_AskingAfterTheMatterIReported_IsMyCase(string text)
    {
        Assert.Equal(Intent.MyCase, IntentEvaluation.Understander.Understand(text).Intent);
    }

    [Theory]
    [InlineData("ไฟดับทั้งหมู่บ้านตั้งแต่ตีสาม ของในตู้เย็นเสียหมด การไฟฟ้าจะมากี่โมง")]
    [InlineData("หม้อแปลงหน้าบ้านมีเสียงดังแล้วไฟตกทุกคืน")]
    [InlineData("น้ำ กปภ. ไม่ไหลมาสองวันแล้ว บิลก็ยังมาเต็ม")]
    public void Understand_ElectricityAuthoritysOrWaterworksFault_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>The municipality's own street lights stay a complaint even when the writer names the electricity authority.</summary>
    [Fact]
    public void Understand_StreetLightOutNamingTheElectricityAuthority_IsAComplaint()
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand("ไฟถนนหน้าบ้านดับมาสามวันแล้ว ไม่รู้ว่าการไฟฟ้าหรือเทศบาลดูแล ช่วยมาดูด้วยค่ะ").Intent);
    }

    /// <summary>Session 12: money named in another agency's business (wages an employer owes) is not an official's misconduct.</summary>
    [Fact]
    public void Understand_WagesOwedByAnEmployer_IsNotACorruptionReport()
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand("นายจ้างไม่จ่ายค่าแรงมาสองเดือนแล้ว ไปแจ้งที่ไหนได้บ้าง").Intent);
    }

    /// <summary>Session 12 (noticed in session 11): a money loan is not the municipality's equipment loan.</summary>
    [Theory]
    [InlineData("ขอยืมเงินหน่อย")]
    [InlineData("เทศบาลให้ยืมเงินไปลงทุนขายของได้ไหมคะ")]
    public void Understand_MoneyLoan_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 12 (noticed in session 11): asking how to complain about something is a question, not the complaint.</summary>
    [Theory]
    [InlineData("ร้องเรียนเรื่องไฟดับต้องทำยังไง")]
    [InlineData("จะแจ้งเรื่องถนนพังต้องทำยังไงคะ")]
    public void Understand_HowToComplainAboutSomething_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 12: "ยังไม่มีเรื่อง, แค่ถาม" (nothing to report, only asking) is not "มีเรื่อง…จะแจ้ง".</summary>
    [Theory]
    [InlineData("ถ้า จนท โกง จะ แจ้ง ได้ ที่ไหน ยัง ไม่มี เรื่อง นะ แค่ ถาม")]
    [InlineData("อยากรู้ว่าจะแจ้งเบาะแสทุจริตได้ที่ไหนคะ ถามไว้ก่อน")]
    public void Understand_AskingHowReportingWorksSayingOnlyAsking_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Other agencies' business spelt with the municipality's words ("ค่าไฟ", "การไฟฟ้า") is not the municipality's.</summary>
    [Theory]
    [InlineData("ค่าไฟเดือนนี้แพงมาก การไฟฟ้าคิดผิดหรือเปล่า")]
    [InlineData("ขอเปลี่ยนมิเตอร์ไฟฟ้าต้องไปที่ไหน")]
    public void Understand_OtherAgenciesBusinessInTheMunicipalitysWords_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 10: other agencies (the land office, a hospital, the electricity authority, a social network) named more than the municipality's business are theirs.</summary>
    [Theory]
    [InlineData("สำนักงานที่ดินรับรังวัดวันเสาร์ไหม")]
    [InlineData("โรงพยาบาลอำเภอเปิดกี่โมง")]
    [InlineData("มิเตอร์ไฟฟ้าหมุนเร็วผิดปกติ")]
    [InlineData("เฟสบุ๊คโดนแฮก ทำยังไงดี")]
    public void Understand_QuestionNamingAnotherAgencyMoreThanTheMunicipality_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 10: a bank named in a water-bill question the pack answers strongly does not make it another agency's.</summary>
    [Theory]
    [InlineData("จ่ายค่าน้ำประปาผ่านธนาคารกรุงไทยได้ไหมคะ")]
    public void Understand_MunicipalQuestionNamingABank_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>A thank-you with a few more words is still a thank-you (the rules took only thanks and particles).</summary>
    [Theory]
    [InlineData("ขอบคุณสำหรับคำตอบนะคะ")]
    [InlineData("รับทราบค่ะ จะไปติดต่อพรุ่งนี้ ขอบพระคุณค่ะ 🙏")]
    public void Understand_ThankYouWithMoreWords_IsThanks(string text)
    {
        Assert.Equal(Intent.Thanks, IntentEvaluation.Understander.Understand(text).Intent);
    }

    [Fact]
    public void Understand_FiledComplaintNamedByItsTopicThenProgressAsked_IsMyCase()
    {
        Assert.Equal(Intent.MyCase, IntentEvaluation.Understander.Understand("แจ้งเรื่องท่อตันไปตั้งแต่วันจันทร์ ตอนนี้มีใครมาดูหรือยังคะ").Intent);
    }

    /// <summary>
    /// Session 14 (set 8's corruption misses, written anew): a bribe typed without tone marks, tea money and an approval made
    /// conditional on treating the executives (someone told the writer so), and an official's kin hired.
    /// </summary>
    [Theory]
    [InlineData("พีเขาบอกวาตองจายใตโตะสองพันถึงจะไดใบอนุญาต")]
    [InlineData("เจ้าหน้าที่ที่โต๊ะบอกวาถาอยากไดเรวตองมีคาน้ำชาให้เขาหน่อย")]
    [InlineData("ขอแจ้งว่าถนนหมู่ ๓ ชำรุด ทางหมู่บ้านเสนอโครงการไปแล้ว เจ้าหน้าที่แจ้งว่าหากต้องการให้อนุมัติเร็ว ต้องจัดเลี้ยงคณะผู้บริหารก่อน")]
    [InlineData("สอบบรรจุพนักงานจ้างรอบนี้ คนที่ผ่านคือหลานปลัดกับลูกประธานสภาทั้งนั้นครับ")]
    public void Understand_BribeWithoutToneMarksTeaMoneyOrKinHired_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 14: the same reports are found by the rules alone, not only by a model trained on set 8 (set 8's "ใตโตะ"
    /// message was caught at session 13's start by the model's corruption posterior, 0.32 over a 0.3 bar, and lost when set 7
    /// joined dev: 0.25).
    /// </summary>
    [Theory]
    [InlineData("พีเขาบอกวาตองจายใตโตะสองพันถึงจะไดใบอนุญาต")]
    [InlineData("เจ้าหน้าที่ที่โต๊ะบอกวาถาอยากไดเรวตองมีคาน้ำชาให้เขาหน่อย")]
    [InlineData("ขอแจ้งว่าถนนหมู่ ๓ ชำรุด ทางหมู่บ้านเสนอโครงการไปแล้ว เจ้าหน้าที่แจ้งว่าหากต้องการให้อนุมัติเร็ว ต้องจัดเลี้ยงคณะผู้บริหารก่อน")]
    [InlineData("สอบบรรจุพนักงานจ้างรอบนี้ คนที่ผ่านคือหลานปลัดกับลูกประธานสภาทั้งนั้นครับ")]
    public void CorruptionSignals_BribeWithoutToneMarksTeaMoneyOrKinHired_AreReportsByTheRulesAlone(string text)
    {
        Assert.True(ItaBot.Complaints.CorruptionSignals.LooksLikeCorruption(text));
    }

    /// <summary>Session 14: other agencies' business outweighs the municipal words it is told in (the rules' share of out of scope).</summary>
    [Theory]
    [InlineData("จะจ้างแรงงานกัมพูชามาทำสวน ต้องทำ work permit ที่ไหนครับ")]
    [InlineData("ขอใบอนุญาตทำประมงในแม่น้ำต้องไปที่ประมงอำเภอไหม")]
    [InlineData("โรงเรียนบ้านหนองแวงเปิดเทอมวันไหนคะ")]
    public void AgencyWeight_OtherAgenciesBusiness_OutweighsTheMunicipalWords(string text)
    {
        var (agency, municipal) = IntentRules.AgencyWeight(text);

        Assert.True(agency > municipal, $"agency {agency}, municipal {municipal}");
    }

    /// <summary>Session 14: the villagers' water bill ("ค่าน้ำชาวบ้าน") is not tea money, and being told what a permit needs is no bribe.</summary>
    [Theory]
    [InlineData("ค่าน้ำชาวบ้านหมู่ 4 เดือนนี้จ่ายที่ไหนคะ")]
    [InlineData("เจ้าหน้าที่บอกว่าถ้าอยากได้ใบอนุญาตต้องมีสำเนาบัตรประชาชนใช่ไหมคะ")]
    public void Understand_WaterBillOrPermitPapers_IsNotCorruption(string text)
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 14 (set 8's out-of-scope misses, written anew): other agencies' business told in municipal words.</summary>
    [Theory]
    [InlineData("เสาไฟฟ้าแรงสูงหน้าบ้านมีประกายไฟ ต้องโทรแจ้ง กฟภ. เบอร์ไหนคะ")]
    [InlineData("ถนนทางหลวงแผ่นดินหน้าปั๊มเป็นหลุมใหญ่ ของกรมทางหลวงใช่ไหม แจ้งที่ไหน")]
    [InlineData("จะจ้างแรงงานกัมพูชามาทำสวน ต้องทำ work permit ที่ไหนครับ")]
    [InlineData("ขอใบอนุญาตทำประมงในแม่น้ำต้องไปที่ประมงอำเภอไหม")]
    [InlineData("โรงเรียนบ้านหนองแวงเปิดเทอมวันไหนคะ")]
    [InlineData("ละครหลังข่าวคืนนี้ตอนจบหรือยัง")]
    public void Understand_OtherAgenciesBusinessInMunicipalWords_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 14 (set 8's my-case misses, written anew): a request filed and asked after, a case closed unfixed.</summary>
    [Theory]
    [InlineData("ยื่นขอใช้ศาลาไปสองวันแล้ว อนุมัติหรือยังคะ")]
    [InlineData("คำขอรถน้ำที่ยื่นไว้เมื่อวันจันทร์ ขอทราบผลการพิจารณาด้วยครับ")]
    [InlineData("เช็คสถานะเคสไฟดับที่ส่งไปให้หน่อยครับ")]
    [InlineData("ทำไมปิดเรื่องแล้ว ถนนยังไม่ได้ซ่อมเลย")]
    public void Understand_RequestFiledAndAskedAfter_IsMyCase(string text)
    {
        Assert.Equal(Intent.MyCase, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 14 (set 8's questions called complaints, written anew): a case put ahead of time is a question.</summary>
    [Theory]
    [InlineData("ถ้ามีงูเลื้อยเข้าบ้านตอนกลางคืน เทศบาลมาจับให้ได้ไหมคะ")]
    [InlineData("ถ้ากิ่งไม้พาดสายไฟ แจ้งให้มาตัดได้ไหม ต้องทำยังไง")]
    public void Understand_CasePutAheadOfTime_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 14: "ถ้า" inside a problem that has lasted, or with an urgent plea, is still a complaint.</summary>
    [Theory]
    [InlineData("ไฟถนนหน้าบ้านดับมาสามวันแล้ว ถ้าไม่มาซ่อมจะมีคนล้มไหม")]
    [InlineData("ท่อตันน้ำท่วมหน้าบ้านตอนนี้ ถ้าฝนตกอีกเข้าบ้านแน่ ช่วยมาดูด่วน")]
    public void Understand_ProblemThatLastedWithIf_IsAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    [Theory]
    [InlineData("ไฟกิ่งดับตรงสามแยกหน้าโรงเรียนมาสองคืนแล้ว", "สามแยกหน้าโรงเรียน")]
    [InlineData("ขยะล้นถังแถวศาลาประชาคมไม่มีใครมาเก็บ", "แถวศาลาประชาคม")]
    public void Understand_ComplaintNamingAJunctionOrLandmark_TakesThePlace(string text, string place)
    {
        var understood = IntentEvaluation.Understander.Understand(text);

        Assert.Equal(Intent.Complaint, understood.Intent);
        Assert.Equal(place, understood.Place);
    }

    [Fact]
    public void Score_MessageSharingLettersWithOneIntent_RanksThatIntentFirst()
    {
        var model = IntentModel.Train(
        [
            new LabelledMessage("ไฟถนนดับหน้าบ้าน", Intent.Complaint, null, null),
            new LabelledMessage("ขยะไม่มีคนมาเก็บ", Intent.Complaint, null, null),
            new LabelledMessage("เจ้าหน้าที่เรียกเงินใต้โต๊ะ", Intent.Corruption, null, null),
            new LabelledMessage("ปลัดรับสินบนผู้รับเหมา", Intent.Corruption, null, null),
            new LabelledMessage("แจ้งเกิดใช้เอกสารอะไร", Intent.Question, null, null),
        ]);

        var scores = model.Score("ไฟกิ่งดับทั้งซอย");

        Assert.Equal(Intent.Complaint, scores.Best);
        var posterior = scores.Posteriors(4);
        Assert.True(posterior(Intent.Complaint) > posterior(Intent.Corruption));
        Assert.Equal(0, posterior(Intent.OutOfScope));
        Assert.Equal(1, posterior(Intent.Complaint) + posterior(Intent.Corruption) + posterior(Intent.Question), 6);
    }

    [Fact]
    public void Shipped_Model_IsTrainedOnTheDevSetBuiltIntoTheService()
    {
        Assert.True(IntentSet.Dev.Count >= 300);
        Assert.Equal(Intent.Corruption, IntentModel.Shipped.Score(IntentSet.Dev.First(m => m.Intent == Intent.Corruption).Text).Best);
    }

    /// <summary>
    /// Session 15 (set 9's corruption misses, by kind, written anew): nepotism in hiring (an official's kin chosen, someone
    /// chosen who sat no exam), money asked first as a service's condition, spending on record that did not happen.
    /// </summary>
    [Theory]
    [InlineData("ลูกสาวของปลัดได้บรรจุเป็นพนักงานจ้าง คนอื่นสอบแทบตายไม่ได้")]
    [InlineData("คนที่ได้งานตำแหน่งคนงานกองช่างรอบนี้เป็นหลานของเจ้าหน้าที่ที่คุมการสอบ")]
    [InlineData("รับสมัครผู้ช่วยครูรอบนี้ คนที่ได้รับเลือกไม่ได้มาสอบเลยค่ะ")]
    [InlineData("ช่างบอกว่าต้องมีค่าเดินทางให้ก่อน 300 ถึงจะมาซ่อมไฟหน้าบ้านให้")]
    [InlineData("เจ้าหน้าที่ขอเงิน 200 ก่อนถึงจะเอารถมาดูดส้วมให้")]
    [InlineData("ป้ายโครงการบอกว่าซ่อมถนนเสร็จแล้ว แต่ยังไม่มีใครมาทำเลย")]
    [InlineData("ในเอกสารเทศบาลซื้อถังขยะไป 50 ใบ แต่ไม่เห็นในชุมชนสักใบ")]
    public void Understand_NepotismPaymentFirstOrSpendingOnRecordOnly_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 15 (set 9: eleven questions called corruption): where or whom to tell about misconduct put ahead of time,
    /// whether the name is kept secret, whether a small gift is allowed, where the budget is published — questions the pack
    /// answers (the protected channel, the no-gift policy), not reports.
    /// </summary>
    [Theory]
    [InlineData("ถ้าเห็นเจ้าหน้าที่เรียกเงินชาวบ้าน ต้องแจ้งใครคะ")]
    [InlineData("หากผมจะแจ้งเบาะแสทุจริต ต้องบอกชื่อหรือไม่ครับ")]
    [InlineData("ให้ผลไม้เจ้าหน้าที่เป็นการขอบคุณ ผิดระเบียบไหมคะ")]
    [InlineData("งบประมาณรายจ่ายประจำปีของเทศบาลดูได้ที่ใดครับ")]
    public void Understand_QuestionAboutReportingGiftsOrTheBudget_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 15 (set 9): calls passed round and dropped, with no money or favour, are a complaint about service, not corruption.</summary>
    [Fact]
    public void Understand_CallsPassedRoundAndDropped_IsNotCorruption()
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand("โทรไปกองคลังสามรอบ โอนไปโอนมาแล้วสายหลุด ไม่มีใครช่วยเลย").Intent);
    }

    /// <summary>Session 15 (set 9): other agencies' business in municipal words — divorce registration, pensions, liquor licences, a house's meter.</summary>
    [Theory]
    [InlineData("อยากจดทะเบียนหย่า ต้องไปที่ไหนคะ")]
    [InlineData("ขอใบอนุญาตขายเหล้าที่ร้าน ทำที่ไหนครับ")]
    [InlineData("บำนาญข้าราชการครูเดือนนี้ยังไม่เข้าเลย ถามใครได้")]
    [InlineData("มิเตอร์ไหม้ ไฟบ้านดับทั้งหลัง โทรหาใครดี")]
    public void Understand_OtherAgenciesBusiness_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 16 (set 10's out-of-scope misses, by kind, written anew): another agency's own thing as the matter — a national
    /// highway, a land title, a foreigner's card or visa, a driving licence, a lawsuit or a private debt, a state school's
    /// teacher, a pole moved or a house's power cut said not to be a street light — is out of scope however municipal the rest.
    /// </summary>
    [Theory]
    [InlineData("ทางหลวงหมายเลข 24 ช่วงหน้าปั๊มมีหลุมลึก รถตกบ่อย ต้องแจ้งใครครับ")]
    [InlineData("โฉนดบ้านแม่เปียกน้ำขาดเป็นชิ้น ต้องไปทำใหม่ที่ไหนคะ")]
    [InlineData("บัตรต่างด้าวของลูกจ้างหาย ทำใหม่ได้ที่ไหน")]
    [InlineData("จะต่อวีซ่าให้แฟนชาวต่างชาติ ยื่นที่ไหนครับ")]
    [InlineData("สอบใบอนุญาตขับรถบรรทุกที่ไหนครับ")]
    [InlineData("ลูกหนี้ยืมเงินไปสามหมื่นไม่ยอมคืน ฟ้องร้องยังไงครับ")]
    [InlineData("ครูประจำชั้นตีลูกจนเป็นรอย จะร้องเรียนใครดีคะ")]
    [InlineData("บ้านไฟดับทั้งซอยตั้งแต่เช้า ไม่ใช่ไฟถนนนะคะ ไฟในบ้าน")]
    [InlineData("จะสร้างโกดัง ขอย้ายเสาไฟฟ้าที่ขวางทางเข้าต้องติดต่อที่ไหน")]
    public void Understand_AnotherAgencysOwnThing_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 16: another agency's building that only names the place ("หน้าธนาคาร…") leaves a complaint a complaint.</summary>
    [Theory]
    [InlineData("ท่อระบายน้ำหน้าธนาคารกสิกรตันมาสามวันแล้ว น้ำเน่าเหม็นมาก")]
    [InlineData("ฟุตบาทข้างธนาคารออมสินยุบเป็นหลุม คนเดินตกไปแล้ว")]
    public void Understand_ComplaintNamingAnAgencyBuildingAsTheLandmark_IsAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 16 (set 10's corruption misses, by kind, written anew): money asked as the condition of a service, whoever
    /// asks it; a council member renting out the municipality's things.
    /// </summary>
    [Theory]
    [InlineData("ท่อแตกหน้าบ้าน คนของประปาบอกถ้าอยากให้ซ่อมวันนี้ต้องจ่ายค่าเหนื่อยให้เขา 300")]
    [InlineData("ถ้าจะให้รถขยะมาเก็บหน้าร้านทุกวันก็ต่อเมื่อจ่ายค่ากาแฟคนขับเดือนละ 500")]
    [InlineData("ส.ท.เขตบ้านฉันเอาเต็นท์ของเทศบาลไปให้คนเช่าจัดงานศพ ชุดละ 2,000")]
    public void Understand_MoneyAsAServicesConditionOrMunicipalThingsRentedOut_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 16 (set 10): sent back for papers time after time, never told what is missing: a complaint about service, not corruption.</summary>
    [Fact]
    public void Understand_SentBackForPapersAgainAndAgain_IsNotCorruption()
    {
        Assert.NotEqual(Intent.Corruption, IntentEvaluation.Understander.Understand("ไปขอทะเบียนพาณิชย์สี่รอบแล้ว เจ้าหน้าที่บอกเอกสารไม่ครบทุกรอบ แต่ไม่เคยบอกว่าขาดอะไร").Intent);
    }

    /// <summary>
    /// Session 16 (set 10's questions called corruption, by kind, written anew): by which channel or to which unit misconduct
    /// put ahead of time is reported, who decides reports, the card an official must show, where a gift's line is.
    /// </summary>
    [Theory]
    [InlineData("ถ้าเห็นพนักงานเทศบาลรับซองจากผู้รับเหมา ควรแจ้งผ่านช่องทางไหนคะ")]
    [InlineData("หากผู้ประกอบการเห็นว่าการจัดซื้อจัดจ้างไม่โปร่งใส ต้องยื่นเรื่องที่หน่วยงานใดครับ")]
    [InlineData("เรื่องร้องเรียนการทุจริต ใครเป็นคนพิจารณาคะ นายกหรือปลัด")]
    [InlineData("ถ้ามีคนอ้างว่าเป็นเจ้าหน้าที่เทศบาลมาเก็บเงินค่าตรวจบ้าน ต้องมีบัตรอะไรแสดงบ้างคะ")]
    [InlineData("ให้กระเช้าปีใหม่หัวหน้ากองคลังได้ไหม ราคาเท่าไหร่ถึงจะไม่ผิด")]
    public void Understand_QuestionAboutChannelsDecidersCardsOrGifts_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 16 (set 10's my-case misses, by kind): a photo added, a case cancelled, whether anyone came, a report's progress.</summary>
    [Theory]
    [InlineData("ขอส่งรูปเพิ่มในเรื่องที่แจ้งไว้เมื่อวานค่ะ")]
    [InlineData("อยากยกเลิกเรื่องที่ร้องเรียนไปครับ ตกลงกับข้างบ้านได้แล้ว")]
    [InlineData("แจ้งเรื่องต้นไม้ล้มไปตั้งแต่วันพุธ มีใครมายังคะ")]
    [InlineData("เรื่องที่ดิฉันแจ้งเบาะแสเรื่องเบิกเงินไปเดือนที่แล้ว มีความคืบหน้าไหมคะ")]
    [InlineData("ขอทราบผลคำร้องที่ยื่นผ่านไลน์เมื่อต้นเดือนค่ะ ตอนนี้คืบหน้าแค่ไหนแล้ว")]
    public void Understand_OwnCaseActedOnOrAskedAfter_IsMyCase(string text)
    {
        Assert.Equal(Intent.MyCase, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 16 (set 10): a score typed in a sentence, Thai digits too, is a rating; a score asked about is not.</summary>
    [Theory]
    [InlineData("ให้ 5 คะแนนเต็มค่ะ ช่างมาเร็วมาก")]
    [InlineData("ให้ ๒ คะแนน ซ่อมไม่เสร็จ")]
    [InlineData("คะแนน 4 ครับ โอเค")]
    [InlineData("สิบเต็มสิบเลยจ้า เก็บขยะเรียบร้อย")]
    public void Understand_ScoreTypedInASentence_IsARating(string text)
    {
        Assert.Equal(Intent.Rating, IntentEvaluation.Understander.Understand(text).Intent);
    }

    [Fact]
    public void Understand_ScoreAskedAbout_IsNotARating()
    {
        Assert.NotEqual(Intent.Rating, IntentEvaluation.Understander.Understand("ITA ปีนี้เทศบาลได้กี่คะแนนคะ").Intent);
    }

    /// <summary>Session 16 (set 10): greetings of other faiths and languages; the menu asked for with pressing words.</summary>
    [Theory]
    [InlineData("อัสสลามุอะลัยกุมค่ะ", "Greeting")]
    [InlineData("มิงกะลาบาครับ", "Greeting")]
    [InlineData("กดเมนูตรงไหนคะ กดไม่เป็นเลย", "Menu")]
    public void Understand_GreetingOfAnotherFaithOrMenuAskedFor_IsUnderstood(string text, string intent)
    {
        Assert.Equal(Enum.Parse<Intent>(intent), IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 16: a bare municipal topic is a vague question (choices offered), not out of scope (QaConversationTests' "ภาษี").</summary>
    [Theory]
    [InlineData("ภาษี")]
    public void Understand_BareMunicipalTopic_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 17 (set 11's complaint misses, by kind, written anew): staff's conduct told with no money, favour or abuse of
    /// office — scolded, spoken to rudely, sent back with different answers, nobody at the counter — is a complaint about
    /// service, not corruption and not a question.
    /// </summary>
    [Theory]
    [InlineData("ไปจ่ายค่าขยะที่กองคลัง เจ้าหน้าที่ดุใส่แม่ผมว่าทำไมมาช้า ต่อหน้าคนอื่นเต็มห้อง")]
    [InlineData("ยื่นขอเบี้ยคนพิการสามครั้ง เจ้าหน้าที่บอกไม่เหมือนกันทุกครั้ง ต้องลางานมาสามวันแล้ว")]
    [InlineData("โทรไปถามเรื่องเบี้ยผู้สูงอายุ เจ้าหน้าที่พูดไม่ดีใส่ยาย บอกว่าแก่แล้วก็ให้ลูกมาทำเอง")]
    [InlineData("ช่วงเที่ยงไม่มีเจ้าหน้าที่อยู่ที่ห้องงานทะเบียนเลย คนมาติดต่อนั่งรอกันเป็นชั่วโมง")]
    public void Understand_StaffConductWithoutMoney_IsAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 17 (set 11): a part of another agency's building, or a business, naming where the problem is leaves it a complaint.</summary>
    [Theory]
    [InlineData("น้ำขังหน้าประตูธนาคารกรุงไทยทุกครั้งที่ฝนตก คนแก่เดินเข้าไม่ได้")]
    [InlineData("เต็นท์รถมือสองเอารถมาจอดเต็มทางเท้าหน้าตลาด คนต้องเดินลงถนนทุกวัน")]
    public void Understand_ComplaintLocatedByAnotherAgencyOrBusiness_IsAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 17 (set 11's corruption misses, by kind, written anew): abuse of office — a permit or enforcement decided for an
    /// official's kin or partner, a permit issued against the rules, officials eating free at a business they were told of.
    /// </summary>
    [Theory]
    [InlineData("โรงงานถมที่ปิดลำรางสาธารณะ ถามกองช่างบอกว่าอนุมัติแล้ว ที่แท้เจ้าของเป็นลูกนายก")]
    [InlineData("กองช่างออกใบอนุญาตต่อเติมตึกให้ร้านทอง ทั้งที่ผิดระเบียบระยะร่น")]
    [InlineData("ร้านเหล้าเปิดเกินเวลาไม่มีใบอนุญาต แจ้งไปหลายครั้ง เจ้าหน้าที่มากินฟรีที่ร้านทุกอาทิตย์ เรื่องเลยเงียบ")]
    [InlineData("ร้านของภรรยาปลัดตั้งโต๊ะขายของบนทางเท้ามาสองปี แจ้งไปกี่ครั้งเทศกิจก็ไม่จับ")]
    public void Understand_AbuseOfOfficeForSomeone_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 17 (set 11's questions called corruption, by kind, written anew): whether the reporter's name comes out, where
    /// a case put as "กรณี…" is reported, whether a fee asked in a supposition must be paid, thank-you money, where the budget
    /// is seen, how to report when the writer says they only ask; and "how" asked in Isan ("เฮ็ดจั่งใด").
    /// </summary>
    [Theory]
    [InlineData("ถ้าผมแจ้งว่าหัวหน้ากองรับเงินผู้รับเหมา ชื่อผมจะถูกเปิดเผยไหมครับ")]
    [InlineData("กรณีพบเห็นพนักงานเทศบาลเรียกเงินชาวบ้าน ต้องแจ้งที่ใดคะ")]
    [InlineData("ถ้ามีเจ้าหน้าที่ขอค่าเดินเรื่องตอนต่อใบอนุญาตร้านอาหาร ต้องจ่ายไหมครับ")]
    [InlineData("อยากให้เงินขอบคุณช่างที่มาลอกท่อให้ ทำได้ใหมคะ")]
    [InlineData("ดูงบประมาณของเทศบาลปีนี้ได้ทางไหนครับ")]
    [InlineData("จะแจ้งเรื่องคนในเทศบาลโกงต้องทำยังไง แค่ถามเฉยๆนะ")]
    [InlineData("แจ้งตายเฮ็ดจั่งใด แม่ใหญ่เพิ่นเสียแล้ว")]
    public void Understand_QuestionAboutReportingPaymentsOrTheBudget_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 17 (set 11): a monk's and an Isan greeting and thanks, a letter's salutation, buttons asked after, a case in Isan, ratings in words.</summary>
    [Theory]
    [InlineData("เจริญพรโยม", "Greeting")]
    [InlineData("สบายดีบ่ญาติโยม", "Greeting")]
    [InlineData("เรียน เจ้าหน้าที่เทศบาล สวัสดีค่ะ", "Greeting")]
    [InlineData("สาธุ อนุโมทนาจ้ะ", "Thanks")]
    [InlineData("มีปุ่มไหนให้กดบ้างคะ", "Menu")]
    [InlineData("เรื่องที่ข้อยแจ้งท่อตัน ช่างสิมาบ่", "MyCase")]
    [InlineData("ขอเพิ่มรายละเอียดเรื่องที่แจ้งไว้เมื่อวานค่ะ", "MyCase")]
    [InlineData("ให้เต็มเลยครับ ช่างมาไว", "Rating")]
    [InlineData("พอใจปานกลางครับ เก็บขยะช้าไปหน่อย", "Rating")]
    public void Understand_SocialCaseAndRatingInOtherWords_IsUnderstood(string text, string intent)
    {
        Assert.Equal(Enum.Parse<Intent>(intent), IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 18 (set 12's out-of-scope misses, by kind, written anew): money owed between the writer and a private party —
    /// wages, a refund, a deposit — with no official named is a labour or consumer dispute, not misconduct and not the
    /// municipality's; other national agencies' land, water and roads (irrigation, forests, highways) are theirs.
    /// </summary>
    [Theory]
    [InlineData("สั่งพัดลมจากร้านในเฟซ ใช้ได้สองวันพัง ร้านไม่ยอมคืนเงินค่ะ")]
    [InlineData("ทำงานก่อสร้างมาเดือนนึง นายจ้างหักค่าแรงแล้วไม่จ่ายส่วนที่เหลือ แจ้งที่ไหนได้ครับ")]
    [InlineData("เจ้าของหอไม่คืนเงินประกันห้องตอนย้ายออก ทำไงดีคะ")]
    [InlineData("ฝายของกรมชลประทานแตก น้ำไม่เข้านา ให้ใครมาซ่อม")]
    [InlineData("จะขุดบ่อในที่ป่าสงวนต้องขออนุญาตใครคะ")]
    [InlineData("ทางหลวงสายใหม่ตัดผ่านที่นาของผม จะได้ค่าชดเชยไหม")]
    public void Understand_PrivateDisputeOrAnotherAgencysLandAndWater_IsOutOfScope(string text)
    {
        Assert.Equal(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 18: the municipality's lights and roads along an irrigation canal, and money an official takes from a market seller, stay its own.</summary>
    [Theory]
    [InlineData("ไฟส่องสว่างริมคลองชลประทานหลังวัดดับหมดทั้งแนว", "Complaint")]
    [InlineData("ถนนเลียบคลองชลประทานหน้าหมู่ 3 เป็นหลุมลึก รถล้มบ่อย", "Complaint")]
    [InlineData("แม่ค้าตลาดเทศบาลถูกเจ้าหน้าที่เรียกเงินเพิ่ม ไม่ให้ใบเสร็จ", "Corruption")]
    [InlineData("ร้านข้างๆเอาของมาวางขวางทางเดินในตลาดทุกวัน แถมไม่จ่ายค่าแผงด้วย", "Complaint")]
    [InlineData("นายจ้างของหนูบอกว่าเจ้าหน้าที่เทศบาลขอเงินใต้โต๊ะถึงจะออกใบอนุญาตให้", "Corruption")]
    public void Understand_MunicipalThingsBesideAnotherAgencyOrPrivateParty_StayTheMunicipalitys(string text, string intent)
    {
        Assert.Equal(Enum.Parse<Intent>(intent), IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 18: a greeting or a case asked after in words the rules miss, and a question in the municipality's words, are
    /// not turned away where the learned scope score reads no other business (IntentBlend.ForeignMarginScope, ScopeVeto).
    /// </summary>
    [Theory]
    [InlineData("สวัสดีค่ะ หนูเพิ่งย้ายมาอยู่ใหม่ค่ะ")]
    [InlineData("ที่ผมบอกเรื่องต้นไม้ล้มไปเมื่อวาน มีคนมาดูหรือยังครับ")]
    [InlineData("สมาชิกสภาเขต 3 ชื่ออะไรบ้างครับ")]
    public void Understand_NothingOfOtherBusinessRead_IsNotOutOfScope(string text)
    {
        Assert.NotEqual(Intent.OutOfScope, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 18 (set 12's questions called corruption, by kind, written anew): what evidence a report needs, whether the
    /// official will know who reported, by which channel, to whom above the staff — asked with nothing told as having
    /// happened before the supposition: a question (the pack's protected-channel answer), not a report.
    /// </summary>
    [Theory]
    [InlineData("ถ้าจะร้องเรียนว่าพนักงานเทศบาลเรียกเงิน ต้องใช้หลักฐานอะไรบ้างคะ")]
    [InlineData("แจ้งการทุจริตผ่านไลน์นี้ เขาจะรู้ไหมคะว่าใครเป็นคนแจ้ง บ้านหนูอยู่ใกล้สำนักงานทุกวัน")]
    [InlineData("ขอสอบถามวิธียื่นเรื่องร้องเรียนพนักงานที่ประพฤติมิชอบ ต้องทำเป็นหนังสือหรือส่งในแชทได้คะ")]
    [InlineData("อยากรู้ว่าหัวหน้าของปลัดคือใคร ถ้าจะร้องเรียนปลัดต้องส่งเรื่องถึงใครครับ")]
    public void Understand_QuestionAboutReportingAnOfficial_IsAQuestion(string text)
    {
        Assert.Equal(Intent.Question, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 18 (set 12's corruption misses, by kind, written anew): a report told before the question how to report it;
    /// revenge on the writer after a complaint; the municipality's equipment and fuel taken home or put to private use.
    /// </summary>
    [Theory]
    [InlineData("เจ้าหน้าที่กองคลังเรียกเงินผม 800 บาท ถ้าจะร้องเรียนต้องทำยังไงครับ")]
    [InlineData("หลังจากฉันร้องเรียนเรื่องท่อระบายน้ำ มีเจ้าหน้าที่มาบอกว่าแผงขายของฉันผิดกฎหมายจะสั่งปรับ ฉันว่าเขาแก้แค้น")]
    [InlineData("นายช่างขนเครื่องตัดหญ้าของเทศบาลกลับบ้านไปตัดหญ้าในสวนตัวเองทุกเสาร์อาทิตย์")]
    [InlineData("คนขับรถน้ำเอารถไปส่งน้ำให้รีสอร์ตแล้วเก็บเงินเอง เติมน้ำมันหลวงทุกเที่ยว")]
    public void Understand_RevengeOrTheMunicipalitysThingsUsedPrivately_IsCorruption(string text)
    {
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 18 (set 12): a deaf or mute citizen laughed at and not helped at the counter, no money named: a complaint about service.</summary>
    [Theory]
    [InlineData("ผม พูด ไม่ ได้ ไป ติดต่อ งาน ทะเบียน เจ้าหน้าที่ หัวเราะ ใส่ ไม่ ช่วย อะไร เลย")]
    [InlineData("ไม่พอใจมากที่รถขยะไม่มาเก็บหน้าบ้านสามวันแล้ว")]
    public void Understand_LaughedAtOrDissatisfied_IsAComplaint(string text)
    {
        Assert.Equal(Intent.Complaint, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 18 (set 12's my-case, rating and menu misses, by kind, written anew): a case told or reported ("บอก", "รายงาน"),
    /// whether anyone came yet, a photo added, the place corrected, the number forgotten, who is responsible; an assessment
    /// in words, very satisfied; starting over.
    /// </summary>
    [Theory]
    [InlineData("ที่ฉันบอกเรื่องต้นไม้ล้มขวางทางไปเมื่อวาน มีใครมาตัดหรือยัง", "MyCase")]
    [InlineData("ฉันส่งรูปน้ำท่วมซอยไปแล้ว จะส่งรูปเพิ่มอีกได้ไหม น้ำขึ้นสูงกว่าเดิม", "MyCase")]
    [InlineData("ที่แจ้งไฟดับไปเมื่อวานใส่ที่อยู่ผิดค่ะ ต้องเป็นซอย 5 ไม่ใช่ซอย 3 แก้ให้หน่อย", "MyCase")]
    [InlineData("แจ้งเรื่องหมาจรไปแล้วแต่ลืมเลขเรื่อง ช่วยหาให้หน่อยครับ", "MyCase")]
    [InlineData("เรื่องที่หนูรายงานไปเมื่อวาน ใครเป็นคนดูแลคะ", "MyCase")]
    [InlineData("เรื่องท่อตันที่แจ้งไป ขอประเมินว่าดีมาก ช่างมาตรงเวลา", "Rating")]
    [InlineData("ซ่อมไฟหน้าบ้านเสร็จแล้ว พอใจมากครับ", "Rating")]
    [InlineData("เริ่มต้นใหม่ได้ไหมคะ", "Menu")]
    public void Understand_CaseRatingAndMenuInNewWords_IsUnderstood(string text, string intent)
    {
        Assert.Equal(Enum.Parse<Intent>(intent), IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>
    /// Session 19 (set 13's corruption misses, by kind, written anew): the municipality's money or property told as a story,
    /// often inside a complaint or after a question — fuel siphoned and sold, "fuel money" asked before a repair, supplies on
    /// record that never came, work paid for days and done in one, a budget spent and nothing done, a padded price, a dead
    /// person's allowance drawn, public things sold for scrap or timber.
    /// </summary>
    [Theory]
    [InlineData("เห็นคนขับรถขยะแอบดูดน้ำมันจากรถเทศบาลใส่แกลลอนไปขายปั๊มหลอดทุกเย็นครับ")]
    [InlineData("ท่อหน้าบ้านแตกสองอาทิตย์แล้ว ช่างประปาเทศบาลบอกว่าถ้าอยากให้มาไวๆ ค่ารถสามร้อย ไม่งั้นรอไปก่อน")]
    [InlineData("อาหารกลางวันศูนย์เด็กเล็กได้ไข่แค่วันละครึ่งฟอง แต่ในเอกสารเขียนว่าเด็กได้ไข่คนละฟองทุกวันค่ะ")]
    [InlineData("อยากทราบว่าเทศบาลจ้างรถขุดลอกคลองวันละเท่าไหร่ครับ ป้ายเขียนว่าขุด 10 วัน แต่รถมาวันเดียวแล้วหายไปเลย")]
    [InlineData("ได้ยินว่ามีงบซ่อมศาลาหมู่บ้านแล้ว แต่ไม่เห็นมีช่างมาสักคน ศาลาก็ยังรั่วอยู่")]
    [InlineData("เทศบาลซื้อเครื่องออกกำลังกายในสวนชุดละสองแสน คนขายบอกราคาจริงไม่ถึงห้าหมื่น ใช้ได้เดือนเดียวก็พัง")]
    [InlineData("ลุงข้างบ้านตายไปสองปีแล้ว แต่ยังมีคนเบิกเบี้ยยังชีพของลุงทุกเดือน คนเบิกเป็นหลานที่ทำงานเทศบาล")]
    [InlineData("ตะแกรงเหล็กปิดรางน้ำหน้าตลาดหายหมด คนงานเทศบาลเอาไปชั่งกิโลขายร้านของเก่าเองครับ")]
    [InlineData("คนงานมาตัดต้นยางนาริมถนนบอกว่าเทศบาลสั่ง แล้วเอาไม้ไปขายโรงเลื่อยแบ่งเงินกัน")]
    public void Understand_MunicipalMoneyOrPropertyToldAsAStory_IsCorruption_ByTheIntakesRulesAlone(string text)
    {
        // The complaint intake's check (ICorruptionCheck) is the rules alone, with no model: a report typed at its steps
        // must be caught by them.
        Assert.True(ItaBot.Complaints.CorruptionSignals.LooksLikeCorruption(text));
        Assert.Equal(Intent.Corruption, IntentEvaluation.Understander.Understand(text).Intent);
    }

    /// <summary>Session 19 (set 13): an animal under a table is a complaint, not money under it; a dead person's allowance asked about is a question.</summary>
    [Theory]
    [InlineData("แมวจรมานอนใต้โต๊ะในตลาดเทศบาลเต็มไปหมด ขนร่วงใส่อาหาร", "Complaint")]
    [InlineData("แม่เสียชีวิตแล้ว แต่ยังได้รับเบี้ยผู้สูงอายุเข้าบัญชีอยู่ ต้องคืนเงินยังไงคะ", "Question")]
    public void Understand_NotAReportAfterAll_IsNotCorruption(string text, string intent)
    {
        Assert.False(ItaBot.Complaints.CorruptionSignals.LooksLikeCorruption(text));
        Assert.Equal(Enum.Parse<Intent>(intent), IntentEvaluation.Understander.Understand(text).Intent);
    }
}
