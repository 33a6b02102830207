using System.Globalization;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Tests.QandA;

/// <summary>
/// Learning phrasings from the labelled questions (<see cref="QaLearned"/>), measured strictly leave one writer out: for each
/// blind writer, the index learns from every other source's questions (never the left-out writer's), the understanding model
/// is trained without that writer's intent messages, and that writer's questions are scored. Thresholds are chosen per fold
/// on the other writers' own left-out outcomes (each computed without that writer), never on in-sample scores.
/// </summary>
[Trait(Support.TestCategory.Name, Support.TestCategory.Measurement)]
public sealed class QaLearnedEvaluationTests
{
    private sealed record Scored(string Writer, bool InScope, QaRanking Ranking, Understood Understood, bool Right, bool Top3, double QuestionPosterior = 0, EvalQuestion? Asked = null, bool Right2 = false);

    private sealed record Counts(int N, int NIn, int ServiceRight, int ServiceWrong, int MatcherRight, int MatcherWrong, int Top3)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.N + b.N, a.NIn + b.NIn, a.ServiceRight + b.ServiceRight,
            a.ServiceWrong + b.ServiceWrong, a.MatcherRight + b.MatcherRight, a.MatcherWrong + b.MatcherWrong, a.Top3 + b.Top3);

        public static Counts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

        public double ServiceRightShare => (double)ServiceRight / NIn;

        public double ServiceWrongShare => (double)ServiceWrong / N;

        public double MatcherRightShare => (double)MatcherRight / NIn;

        public double MatcherWrongShare => (double)MatcherWrong / N;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"n={N} (in scope {NIn}): service right in one {ServiceRightShare:P1} wrong {ServiceWrongShare:P1}; matcher {MatcherRightShare:P1} / {MatcherWrongShare:P1}; top-3 {(double)Top3 / NIn:P1}");
    }

    internal static IReadOnlyList<EvalQuestion> Labelled { get; } = [.. QaEvaluation.Dev, .. QaEvaluation.FirstSet];

    internal static IReadOnlyList<string> Writers { get; } = [.. Labelled.Select(q => q.Source)
        .Where(s => !string.Equals(s, IntentSet.TuningWriters, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every blind writer's questions, ranked and understood with that writer left out of what is learned.</summary>
    /// <param name="learn">0: the pack's phrasings only; 1: the labelled in-scope questions learned; 2: and the unanswerable ones.</param>
    private static List<Scored> LeaveOneWriterOut(int learn, QaOptions d, IntentBlend? blend = null)
    {
        var scored = new List<Scored>();
        foreach (var writer in Writers)
        {
            bool Other(string source) => !string.Equals(source, writer, StringComparison.Ordinal);
            var learned = learn == 0 ? QaLearned.None
                : new QaLearned(Labelled.Where(q => Other(q.Source) && (learn == 2 || q.InScope)).Select(q => new LabelledQuestion(q.Question, q.Expect, q.Source)));
            var matcher = new QaMatcher(QaEvaluation.Pack, d, learned);
            var model = IntentModel.Train(IntentSet.Dev.Where(m => Other(m.Source)));
            var understander = new Understander(matcher, model, blend ?? IntentBlend.Default);
            foreach (var q in Labelled.Where(q => !Other(q.Source)))
            {
                var ranking = matcher.Index.Rank(q.Question);
                scored.Add(new Scored(writer, q.InScope, ranking, understander.Understand(q.Question),
                    ranking.Best is { } b && QaEvaluation.IsRight(matcher.Index, q, b.Entry),
                    ranking.Top.Take(3).Any(c => QaEvaluation.IsRight(matcher.Index, q, c.Entry)),
                    model.Score(q.Question).Posteriors(IntentBlend.Default.Sharpness)(Intent.Question), q,
                    ranking.Top.Count > 1 && QaEvaluation.IsRight(matcher.Index, q, ranking.Top[1].Entry)));
            }
        }

        return scored;
    }

    private static Counts Count(IEnumerable<Scored> questions, QaOptions options)
    {
        var c = Counts.Zero;
        foreach (var q in questions)
        {
            var matcher = QaDecision.Decide(q.Ranking, options).Kind == QaDecisionKind.Answer;
            var service = q.Understood.Intent == Intent.Question && QaDecision.Decide(q.Ranking, options, q.Understood.SureQuestion).Kind == QaDecisionKind.Answer;
            c += new Counts(1, q.InScope ? 1 : 0, service && q.Right ? 1 : 0, service && !q.Right ? 1 : 0, matcher && q.Right ? 1 : 0, matcher && !q.Right ? 1 : 0,
                q.InScope && q.Top3 ? 1 : 0);
        }

        return c;
    }

    internal static List<QaOptions> Grid(QaOptions d) =>
        [.. from high in new[] { 0.7, 0.8, 0.9, 1.0, 1.2 }
            from minMargin in new[] { 0.1, 0.15, 0.2, 0.3 }
            from leadFloor in new[] { 0.5, 0.6, 0.7, 0.8, 10.0 }
            from leadMargin in new[] { 0.3, 0.4 }
            from agreeFloor in new[] { 0.35, 0.5, 0.7, 10.0 }
            from agreeMargin in new[] { 0.25, 0.4 }
            from sureFloor in new[] { 0.5, 0.7, 10.0 }
            from sureMargin in new[] { 0.1, 0.2 }
            select d with
            {
                High = high, MinMargin = minMargin, LeadFloor = leadFloor, LeadMargin = leadMargin, AgreeFloor = agreeFloor, AgreeMargin = agreeMargin,
                SureLeadFloor = sureFloor, SureLeadMargin = sureMargin,
            }];

    [Fact]
    public void Dev_LeaveOneWriterOut_LearnedPhrasingsAnswerMoreInOneMessage_AndKeepWrongAnswersAtTheirLevel()
    {
        var shipped = new QaOptions();
        Counts? learnedAtDefaults = null;
        Counts? packAtDefaults = null;
        foreach (var learn in new[] { 0, 1, 2 })
        {
            // The pack's phrasings alone are read at the thresholds chosen for them (session 13's), the learned ones at the shipped defaults.
            var d = learn > 0 ? shipped : QaEvaluation.Session13Options;
            var grid = Grid(d);
            var scored = LeaveOneWriterOut(learn, d);
            var name = learn switch { 0 => "pack phrasings only", 1 => "learned in-scope questions", _ => "learned phrasings" };
            var atDefaults = Count(scored, d);
            Report($"{name}, at its defaults ({Describe(d)}): {atDefaults}");
            foreach (var writer in Writers)
            {
                Report($"  {name}, at its defaults, writer {writer}: {Count(scored.Where(s => s.Writer == writer), d)}");
            }

            if (learn == 2)
            {
                learnedAtDefaults = atDefaults;
                // In-scope questions the matcher answers right at the defaults that the service path does not: what the understanding step made of them.
                foreach (var group in scored.Where(q => q.InScope && q.Right && q.Understood.Intent != Intent.Question && QaDecision.Decide(q.Ranking, d).Kind == QaDecisionKind.Answer)
                    .GroupBy(q => q.Understood.Intent).OrderByDescending(g => g.Count()))
                {
                    Report($"  {name}: answered right by the matcher, taken by the understanding step as {group.Key}: {group.Count()}");
                }
            }
            else if (learn == 0)
            {
                packAtDefaults = atDefaults;
            }

            var perWriter = grid.Select(o => (Options: o, Writers: Writers.ToDictionary(w => w, w => Count(scored.Where(s => s.Writer == w), o), StringComparer.Ordinal))).ToList();
            foreach (var ceiling in new[] { 0.02, 0.015 })
            {
                var pooled = Counts.Zero;
                foreach (var writer in Writers)
                {
                    var chosen = perWriter
                        .Select(p => (p.Options, p.Writers, Train: p.Writers.Where(kv => kv.Key != writer).Select(kv => kv.Value).Aggregate(Counts.Zero, (a, b) => a + b)))
                        .OrderByDescending(p => p.Train.ServiceWrongShare <= ceiling && p.Train.MatcherWrongShare <= ceiling)
                        .ThenByDescending(p => p.Train.ServiceRightShare)
                        .ThenBy(p => p.Train.ServiceWrong + p.Train.MatcherWrong)
                        .First();
                    pooled += chosen.Writers[writer];
                    Report($"  {name}, ceiling {ceiling:P1}, writer {writer} left out: {chosen.Writers[writer]} — chose {Describe(chosen.Options)}");
                }

                Report($"{name}, thresholds chosen per fold (wrong ≤ {ceiling:P1} on the other writers): {pooled}");
            }

            foreach (var ceiling in new[] { 0.02, 0.015, 0.01 })
            {
                var all = perWriter.Select(p => (p.Options, Total: p.Writers.Values.Aggregate(Counts.Zero, (a, b) => a + b)))
                    .OrderByDescending(p => p.Total.ServiceWrongShare <= ceiling && p.Total.MatcherWrongShare <= ceiling)
                    .ThenByDescending(p => p.Total.ServiceRightShare).First();
                Report($"{name}, best pooled at wrong ≤ {ceiling:P1}: {all.Total} — {Describe(all.Options)}");
            }
        }

        // Measured 2026-12-07 13:45 (session 14, h1 … h7, 1,366 questions, load ~15): pack phrasings only at session 13's
        // thresholds service 71.5 % / 2.4 %, matcher 80.8 % / 2.9 %; learned phrasings at the shipped defaults service 75.6 % /
        // 1.5 %, matcher 86.7 % / 1.3 %, top-3 99.5 %. With held-out set 8 inside (h1 … h8, 1,592 questions, 14:04): pack only
        // 71.1 % / 2.8 %, matcher 79.7 % / 3.3 % (h8 alone 66.8 % / 4.9 %: its held-out score, reproduced); learned 76.2 % /
        // 1.3 %, matcher 86.1 % / 1.3 %, top-3 99.5 % (h8 alone 73.1 % / 1.8 %). Held at the measured levels. Session 15, set 9
        // inside (h1 … h9, 1,818 questions, 15:59): pack only 70.4 % / 3.1 %, matcher 78.8 % / 3.4 %; learned 77.0 % / 1.4 %,
        // matcher 86.8 % / 1.3 %, top-3 99.6 % (h9 alone 77.2 % / 1.3 %, matcher 83.4 % / 0.4 %: its held-out score, reproduced). After session 15's
        // understanding rules (a strongly answered question is not sent to complaint intake, IntentBlend.ComplaintKept and
        // ComplaintOverAnswer): service 77.0 % / 1.4 % → 79.9 % / 1.4 %, matcher unchanged (measured 16:25, load ~12).
        // Session 16 (h1 … h9, 19:30, load ~30): on main before the change service 80.4 % / 1.43 %, matcher 86.8 % / 1.32 %,
        // top-1 97.8 %, top-3 99.6 %; with QaOptions.CoveredFloor (a lead over the unanswerable questions) service 81.9 % /
        // 1.5 %, matcher 90.7 % / 1.7 %. Set 10 (h10) joined dev after this was measured: floors set
        // below it (service right 0.78, wrong ≤ 2 % on both paths, the issue's target) without a measurement over h1 … h10.
        Assert.True(learnedAtDefaults!.ServiceRightShare > packAtDefaults!.ServiceRightShare, $"learned {learnedAtDefaults} not above pack only {packAtDefaults}");
        Assert.True(learnedAtDefaults.ServiceRightShare >= LearnedServiceRightFloor, $"service right in one message {learnedAtDefaults.ServiceRightShare:P1} < {LearnedServiceRightFloor:P1}");
        Assert.True(learnedAtDefaults.ServiceWrongShare <= LearnedServiceWrongCeiling, $"service wrong direct {learnedAtDefaults.ServiceWrongShare:P1} > {LearnedServiceWrongCeiling:P1}");
        Assert.True(learnedAtDefaults.MatcherWrongShare <= LearnedMatcherWrongCeiling, $"matcher wrong direct {learnedAtDefaults.MatcherWrongShare:P1} > {LearnedMatcherWrongCeiling:P1}");
    }

    [Fact]
    public void Dev_LeaveOneWriterOut_AnswersOnTheLeadOverUnanswerableQuestionsAreMostlyRight()
    {
        var scored = LeaveOneWriterOut(2, new QaOptions());
        if (Environment.GetEnvironmentVariable("ITABOT_QA_FEATURES") is { Length: > 0 } file)
        {
            var lines = new List<string> { "writer\tinscope\tright\ttop3\ts1\ts2\tunans\tmargin\texact\tagreed\tintent\tsure\tpq\tsame\tlen\ttop1\ttop2\tright2\texpect\tq" };
            foreach (var q in scored)
            {
                var top = q.Ranking.Top;
                lines.Add(string.Join('\t', q.Writer, q.InScope ? 1 : 0, q.Right ? 1 : 0, q.Top3 ? 1 : 0,
                    (q.Ranking.Best?.Score ?? 0).ToString("F4", CultureInfo.InvariantCulture), (top.Count > 1 ? top[1].Score : 0).ToString("F4", CultureInfo.InvariantCulture),
                    q.Ranking.Unanswerable.ToString("F4", CultureInfo.InvariantCulture), q.Ranking.Margin.ToString("F4", CultureInfo.InvariantCulture),
                    q.Ranking.Exact ? 1 : 0, q.Ranking.Agreed ? 1 : 0, q.Understood.Intent, q.Understood.SureQuestion ? 1 : 0,
                    q.QuestionPosterior.ToString("F4", CultureInfo.InvariantCulture),
                    top.Count > 1 ? top[0].Entry.Id.Split(':')[0] + ">" + top[1].Entry.Id.Split(':')[0] : "-",
                    q.Asked!.Question.Length, top.Count > 0 ? top[0].Entry.Id : "-", top.Count > 1 ? top[1].Entry.Id : "-", q.Right2 ? 1 : 0,
                    string.Join('|', [q.Asked.Expect, .. q.Asked.Also]), q.Asked.Question.Replace('\t', ' ').Replace('\n', ' ')));
            }

            File.WriteAllLines(file, lines);
        }

        // Session 16: the questions answered only on the lead over the unanswerable questions (the matcher's path) — measured
        // 61 of 67 right (91 %) leave one writer out over h1 … h9 (19:47 UTC).
        var covered = scored.Where(q => QaDecision.Decide(q.Ranking, new QaOptions()).OnCoverageOnly).ToList();
        var right = covered.Count(q => q.Right);
        Report(string.Create(CultureInfo.InvariantCulture, $"answered on the lead over the unanswerable questions only: {right} of {covered.Count} right"));
        Assert.True(covered.Count >= 40 && right >= 0.85 * covered.Count, $"{right} of {covered.Count} right");
    }

    /// <summary>
    /// The gap between the matcher and the service path, by kind (issue 13, session 17): for each blind writer left out, the
    /// in-scope questions the matcher alone answers right that the service path does not, grouped by what the understanding
    /// step made of them, what its rules read, whether the model read more of a question than of what won, and how the pack
    /// answered (strongly at 0.8 or word for word, on the lead over the unanswerable questions only, or otherwise). With
    /// ITABOT_QA_GAP set, every question and every labelled dev message (leave one writer out too) is written there as TSV.
    /// </summary>
    [Fact]
    public void Dev_LeaveOneWriterOut_ServiceGapByKind()
    {
        var d = new QaOptions();
        var pack = QaEvaluation.Pack;
        // Session 16's bar for a rules' complaint the model reads as a question (a direct answer at 0.8, not on coverage alone), for the before figures.
        var before = LeaveOneWriterOut(2, d, IntentBlend.Default with { QuestionOverComplaint = 0.8 });
        Report($"before (a rules' complaint kept a question only over a strong answer, session 16): {Count(before, d)}; need met {NeedMet(before, d, FlowAnswers(pack)):P1}");
        var scored = LeaveOneWriterOut(2, d);
        var lost = 0;
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<string> { "set\twriter\tlabel\tinscope\tright\tmatcher\tcovered\tscore\trunnerup\tunans\texact\tagreed\tservice\tservicekind\trules\tpc\tpq\tpcorr\tpoos\ttop1\ttext" };
        var models = Writers.ToDictionary(w => w, w => IntentModel.Train(IntentSet.Dev.Where(m => !string.Equals(m.Source, w, StringComparison.Ordinal))), StringComparer.Ordinal);
        foreach (var q in scored)
        {
            var text = q.Asked!.Question;
            var matcher = QaDecision.Decide(q.Ranking, d);
            var service = q.Understood.Intent == Intent.Question ? QaDecision.Decide(q.Ranking, d, q.Understood.SureQuestion).Kind : QaDecisionKind.Empty;
            var rules = IntentRules.Classify(text, pack.ComplaintCategories).Intent;
            var p = models[q.Writer].Score(text).Posteriors(IntentBlend.Default.Sharpness);
            rows.Add(Row("q", q.Writer, q.Asked.Expect, q.InScope, q.Right, matcher, q.Understood.Intent, service, rules, p, text));
            if (!q.InScope || !q.Right || matcher.Kind != QaDecisionKind.Answer || service == QaDecisionKind.Answer)
            {
                continue;
            }

            lost++;
            var won = q.Understood.Intent;
            var strength = (matcher.Ranking.Exact || matcher.Ranking.Best!.Score >= 0.8) && !matcher.OnCoverageOnly ? "strong" : matcher.OnCoverageOnly ? "covered only" : "weaker";
            var model = won == Intent.Question ? "-" : p(Intent.Question) > p(won) ? "model leans question" : "model agrees";
            var kind = $"{won} (rules {rules}; {model}; answer {strength})";
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        foreach (var writer in Writers)
        {
            bool Other(string source) => !string.Equals(source, writer, StringComparison.Ordinal);
            var learned = new QaLearned(Labelled.Where(q => Other(q.Source)).Select(q => new LabelledQuestion(q.Question, q.Expect, q.Source)));
            var matcher = new QaMatcher(pack, d, learned);
            var understander = new Understander(matcher, models[writer]);
            foreach (var m in IntentSet.Dev.Where(m => !Other(m.Source)))
            {
                var decision = matcher.Match(m.Text);
                var understood = understander.Understand(m.Text);
                var p = models[writer].Score(m.Text).Posteriors(IntentBlend.Default.Sharpness);
                rows.Add(Row("i", writer, m.Intent.ToString(), m.Intent == Intent.Question, false, decision, understood.Intent, QaDecisionKind.Empty,
                    IntentRules.Classify(m.Text, pack.ComplaintCategories).Intent, p, m.Text));
            }
        }

        if (Environment.GetEnvironmentVariable("ITABOT_QA_GAP") is { Length: > 0 } file)
        {
            File.WriteAllLines(file, rows);
        }

        // The need met in one message: a direct answer right, or the flow the expected entry's answer sends the citizen to,
        // started by the understanding step (the complaint intake in that entry's category or asking it, the thanks reply,
        // the citizen's cases, the protected channel). Reported beside issue 13's figure, never instead of it.
        var flows = FlowAnswers(pack);
        Report($"after: {Count(scored, d)}; need met {NeedMet(scored, d, flows):P1}");
        var met = 0;
        var byFlow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var q in scored.Where(q => q.InScope))
        {
            var answered = AnsweredRight(q, d);
            var flow = answered ? null : MetByFlow(q.Asked!, q.Understood, flows);
            met += answered || flow is not null ? 1 : 0;
            if (flow is not null)
            {
                byFlow[flow] = byFlow.GetValueOrDefault(flow) + 1;
            }
        }

        var all = Count(scored, d);
        Report(string.Create(CultureInfo.InvariantCulture,
            $"service path (issue 13's figure): {all}; the need met in one message (a right answer, or the flow the expected answer points to): {met} of {all.NIn} = {(double)met / all.NIn:P1} ({string.Join(", ", byFlow.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"))})"));
        foreach (var writer in Writers)
        {
            var mine = scored.Where(s => s.Writer == writer && s.InScope).ToList();
            var metHere = mine.Count(q => AnsweredRight(q, d)
                || MetByFlow(q.Asked!, q.Understood, flows) is not null);
            Report(string.Create(CultureInfo.InvariantCulture, $"  writer {writer}: {Count(scored.Where(s => s.Writer == writer), d)}; need met {(double)metHere / mine.Count:P1}"));
        }

        Report($"in-scope questions the matcher answers right and the service path does not: {lost}");
        foreach (var (kind, count) in kinds.OrderByDescending(kv => kv.Value))
        {
            Report($"  {count,3} × {kind}");
        }

        // Measured 2026-12-07 22:33 (session 17, h1 … h11, 2,268 questions, load ~15): before service 81.6 % / 1.3 %, need met
        // 89.0 %; after (any direct answer keeps a rules' complaint the model reads as a question) 81.8 % / 1.4 %, need met 89.1 %
        // (complaint intake 93, thanks 21, my cases 15, protected channel 14); lost between matcher and service 184.
        Assert.True(lost > 0, "the harness found no gap at all: check it");
        Assert.True(Count(scored, d).ServiceRight >= Count(before, d).ServiceRight, "the service path answers fewer right than with session 16's bar");
        Assert.True(NeedMet(scored, d, flows) >= Count(scored, d).ServiceRightShare, "the need met is below the right answers it includes");
    }

    /// <summary>
    /// The FAQ entries whose answer sends the citizen to a flow the understanding step starts itself: "แจ้งทางเมนู
    /// "ร้องเรียนทั่วไป" หมวด…" (the complaint intake in that category; none named: any), read from the pack's answers.
    /// </summary>
    private static Dictionary<string, string?> FlowAnswers(ItaBot.Content.ContentPack pack)
    {
        var flows = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var faq in pack.Faq)
        {
            var at = faq.Answer.IndexOf("\"ร้องเรียนทั่วไป\"", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = faq.Answer[at..];
            var category = pack.ComplaintCategories.FirstOrDefault(c => rest.Contains("หมวด" + c.Name.Split('/')[0], StringComparison.Ordinal));
            flows[QaCatalog.FaqPrefix + faq.Id] = category?.Id;
        }

        return flows;
    }

    private static bool AnsweredRight(Scored q, QaOptions d) =>
        q.Understood.Intent == Intent.Question && q.Right && QaDecision.Decide(q.Ranking, d, q.Understood.SureQuestion).Kind == QaDecisionKind.Answer;

    private static double NeedMet(List<Scored> scored, QaOptions d, Dictionary<string, string?> flows)
    {
        var inScope = scored.Where(q => q.InScope).ToList();
        return (double)inScope.Count(q => AnsweredRight(q, d)
            || MetByFlow(q.Asked!, q.Understood, flows) is not null) / inScope.Count;
    }

    /// <summary>Which flow met the question's need in one message (null: none did).</summary>
    private static string? MetByFlow(EvalQuestion q, Understood understood, Dictionary<string, string?> flows)
    {
        foreach (var id in (IEnumerable<string>)[q.Expect, .. q.Also])
        {
            var met = (understood.Intent, id) switch
            {
                (Intent.Thanks, QaCatalog.FaqPrefix + "thanks") => "thanks",
                (Intent.MyCase, QaCatalog.FaqPrefix + "complaint-track") => "my cases",
                (Intent.Corruption, QaCatalog.FaqPrefix + "corruption-report") => "protected channel",
                (Intent.Complaint, _) when flows.TryGetValue(id, out var category) && (category is null || understood.CategoryId is null || understood.CategoryId == category) => "complaint intake",
                _ => null,
            };
            if (met is not null)
            {
                return met;
            }
        }

        return null;
    }

    private static string Row(string set, string writer, string label, bool inScope, bool right, QaDecision matcher, Intent service, QaDecisionKind serviceKind,
        Intent rules, Func<Intent, double> p, string text)
    {
        var r = matcher.Ranking;
        string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        return string.Join('\t', set, writer, label, inScope ? 1 : 0, right ? 1 : 0, matcher.Kind, matcher.OnCoverageOnly ? 1 : 0, F(r.Best?.Score ?? 0),
            F(r.RunnerUpLead), F(r.UnanswerableLead), r.Exact ? 1 : 0, r.Agreed ? 1 : 0, service, serviceKind, rules,
            F(p(Intent.Complaint)), F(p(Intent.Question)), F(p(Intent.Corruption)), F(p(Intent.OutOfScope)), r.Best?.Entry.Id ?? "-",
            text.Replace('\t', ' ').Replace('\n', ' '));
    }

    private const double LearnedServiceRightFloor = 0.78;

    private const double LearnedServiceWrongCeiling = 0.02;

    private const double LearnedMatcherWrongCeiling = 0.02;

    private static string Describe(QaOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"High {o.High} MinMargin {o.MinMargin} LeadFloor {o.LeadFloor} LeadMargin {o.LeadMargin} AgreeFloor {o.AgreeFloor} AgreeMargin {o.AgreeMargin} SureLeadFloor {o.SureLeadFloor} SureLeadMargin {o.SureLeadMargin}");

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ITABOT_QA_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + "\n");
        }
    }
}
