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
    private static List<Scored> LeaveOneWriterOut(int learn, QaOptions d)
    {
        var scored = new List<Scored>();
        foreach (var writer in Writers)
        {
            bool Other(string source) => !string.Equals(source, writer, StringComparison.Ordinal);
            var learned = learn == 0 ? QaLearned.None
                : new QaLearned(Labelled.Where(q => Other(q.Source) && (learn == 2 || q.InScope)).Select(q => new LabelledQuestion(q.Question, q.Expect, q.Source)));
            var matcher = new QaMatcher(QaEvaluation.Pack, d, learned);
            var model = IntentModel.Train(IntentSet.Dev.Where(m => Other(m.Source)));
            var understander = new Understander(matcher, model);
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
        // below it (service right 0.78, wrong ≤ 2 % on both paths, the target) without a measurement over h1 … h10.
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
