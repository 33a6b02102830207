using System.Globalization;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Issue 13, session 17: out of scope answered honestly for a writer never seen. Leave one writer out, per writer (the
/// held-out writer is always new, so the pooled figure hides the writer who loses most), for the shipped blend and the
/// learned scope score's settings beside it; corruption, complaint and question recall per writer beside out of scope.
/// </summary>
[Trait(Support.TestCategory.Name, Support.TestCategory.Measurement)]
public sealed class OutOfScopeEvaluationTests
{
    [Fact]
    public void Dev_LeaveOneWriterOut_OutOfScopePerWriter_PrintsTheScopeSettings()
    {
        var messages = IntentEvaluation.Dev;
        var writers = IntentEvaluation.Writers(messages);
        // ITABOT_OOS_NODEV: train without the tuning engineers' own messages (written from the blind writers' misses).
        var noDev = Environment.GetEnvironmentVariable("ITABOT_OOS_NODEV") is { Length: > 0 };
        var models = writers.ToDictionary(w => w, w => IntentModel.Train(messages.Where(m => !string.Equals(m.Source, w, StringComparison.Ordinal)
            && !(noDev && string.Equals(m.Source, IntentSet.TuningWriters, StringComparison.Ordinal)))), StringComparer.Ordinal);
        var d = IntentBlend.Default;
        // Session 16's decisions: the learned scope score unused, the naive Bayes bar over a municipal-worded question 0.4.
        var before = d with { ScopeForeign = 2, ScopeOverComplaint = 2, ScopeVeto = 0, OutOfScopeNamed = 0.4 };
        var blends = new List<(string Name, IntentBlend Blend)>
        {
            ("session 16", before), ("shipped", d),
            ("shipped without the veto", d with { ScopeVeto = 0 }), ("shipped without scope over complaint", d with { ScopeOverComplaint = 2 }),
            ("shipped without scope over a foreign question", d with { ScopeForeign = 2 }), ("shipped with the naive Bayes bar at 0.4", d with { OutOfScopeNamed = 0.4 }),
            ("shipped without the margin's scope", d with { ForeignMarginScope = 0 }), ("shipped without private disputes in the blend", d with { PrivateDisputes = false }),
        };
        var figures = new Dictionary<string, IReadOnlyList<(string Writer, IntentReport Report)>>(StringComparer.Ordinal);
        foreach (var (name, blend) in blends)
        {
            var understanders = writers.ToDictionary(w => w, w => new Understander(IntentEvaluation.Matcher, models[w], blend), StringComparer.Ordinal);
            var scored = messages.Where(m => understanders.ContainsKey(m.Source)).ToList();
            var pooled = IntentEvaluation.Evaluate(scored, (m, _) => understanders[m.Source].Understand(m.Text));
            Report($"[{name}] pooled: {Line(pooled)}");
            var perWriter = new List<(string Writer, IntentReport Report)>();
            foreach (var w in writers)
            {
                var r = IntentEvaluation.Evaluate(scored.Where(m => string.Equals(m.Source, w, StringComparison.Ordinal)).ToList(), (m, _) => understanders[w].Understand(m.Text));
                Report($"[{name}]   {w}: {Line(r)}");
                perWriter.Add((w, r));
            }

            figures[name] = perWriter;
        }

        if (Environment.GetEnvironmentVariable("ITABOT_OOS_TEXTS") is { Length: > 0 } texts)
        {
            var old = new Understander(IntentEvaluation.Matcher, IntentModel.Shipped, before);
            foreach (var text in File.ReadAllLines(texts).Where(t => t.Length > 0))
            {
                var scores = IntentModel.Shipped.Score(text);
                Report($"TEXT old {old.Understand(text).Intent} new {IntentEvaluation.Understander.Understand(text).Intent} scope {F(scores.OutOfScope)} pOos {F(scores.Posteriors(d.Sharpness)(Intent.OutOfScope))}: {text}");
            }
        }

        // The learned scope decisions are to lose no writer's out-of-scope or corruption recall against session 16's. (Session
        // 18: with set 12 inside dev, h4's "เห็นเจ้าหน้าที่พัสดุขนคอมพิวเตอร์ของเทศบาลกลับบ้าน…" fell to a question under the
        // shipped blend for one landing; the municipality's things taken home are a report by the rules since.)
        foreach (var ((writer, was), (_, now)) in figures["session 16"].Zip(figures["shipped"]))
        {
            Assert.True(now.For(Intent.OutOfScope).Right >= was.For(Intent.OutOfScope).Right, $"{writer}: out of scope {now.For(Intent.OutOfScope).Right} < {was.For(Intent.OutOfScope).Right}");
            Assert.True(now.For(Intent.Corruption).Right >= was.For(Intent.Corruption).Right, $"{writer}: corruption {now.For(Intent.Corruption).Right} < {was.For(Intent.Corruption).Right}");
        }

        if (Environment.GetEnvironmentVariable("ITABOT_OOS_DUMP") is { Length: > 0 } dump)
        {
            // One line per message, left out: what the rules read, the model's posteriors, the learned scope score, the pack's answer.
            var lines = new List<string> { "writer\tlabel\tgot\trules\tscope\tpOos\tpQ\tpC\tpCorr\tstrong\tforeign\tkind\tbest\ttext" };
            foreach (var w in writers)
            {
                var understander = new Understander(IntentEvaluation.Matcher, models[w], d);
                foreach (var m in messages.Where(m => string.Equals(m.Source, w, StringComparison.Ordinal)))
                {
                    var scores = models[w].Score(m.Text);
                    var p = scores.Posteriors(d.Sharpness);
                    var decision = IntentEvaluation.Matcher.Match(m.Text);
                    var strong = decision.Kind == QaDecisionKind.Answer && !decision.OnCoverageOnly && (decision.Ranking.Exact || decision.Ranking.Best!.Score >= IntentEvaluation.Matcher.Options.High);
                    lines.Add(string.Join('\t', w, m.Intent, understander.Understand(m.Text).Intent, IntentRules.Classify(m.Text, IntentEvaluation.Matcher.Pack.ComplaintCategories).Intent,
                        F(scores.OutOfScope), F(p(Intent.OutOfScope)), F(p(Intent.Question)), F(p(Intent.Complaint)), F(p(Intent.Corruption)), strong, IntentRules.IsForeign(m.Text),
                        decision.Kind, F(decision.Ranking.Best?.Score ?? 0), m.Text.Replace('\t', ' ').Replace('\n', ' ')));
                }
            }

            File.WriteAllLines(dump, lines);
        }
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Line(IntentReport r)
    {
        string Of(Intent i) => string.Format(CultureInfo.InvariantCulture, "{0}/{1}", r.For(i).Right, r.For(i).Labelled);
        return string.Format(CultureInfo.InvariantCulture,
            "oos R {0:P1} ({1}) P {2:P1}; corruption R {3:P1} ({4}) P {5:P1}; complaint R {6:P1}; question R {7:P1} ({8}); accuracy {9:P1}",
            r.For(Intent.OutOfScope).Recall, Of(Intent.OutOfScope), r.For(Intent.OutOfScope).Precision, r.For(Intent.Corruption).Recall, Of(Intent.Corruption),
            r.For(Intent.Corruption).Precision, r.For(Intent.Complaint).Recall, r.For(Intent.Question).Recall, Of(Intent.Question), r.Accuracy);
    }

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ITABOT_INTENT_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + "\n");
        }
    }
}
