using System.Globalization;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Issue 13's figures for the understanding step. The rules are tuned and the model is trained on the dev set (its misses
/// under cross-validation are printed); the held-out set is only scored, aggregates printed, and asserted against the
/// issue's targets, or the measured level where a target is not met, so a regression fails.
/// </summary>
[Trait(Support.TestCategory.Name, Support.TestCategory.Measurement)]
public sealed class IntentEvaluationTests
{
    // Dev floors, 5-fold cross-validated (the model never reads the message it judges; the rules were tuned on all of dev):
    // the measured levels of 2026-12-07 07:45 over 2,165 messages (held-out sets 1–6 inside; complaint 96.5 %, corruption
    // 98.7 % at precision 93.0 %, question 93.6 %, out of scope 94.5 %), so a regression fails. Set 6's eight personas
    // (Isan, northern, southern, broken Thai) brought precision and question recall down from session 11's 95.4 / 94.7 %.
    // Session 13, held-out set 7 inside (2,516 messages, 2026-12-07 10:38): complaint 95.8 %, corruption 98.0 % at
    // precision 91.9 %, question 92.3 %, out of scope 93.6 %; held at those levels. Session 14, held-out set 8 inside
    // (2,867 messages, 2026-12-07 13:05): complaint 96.1 %, corruption 97.9 % at precision 90.8 %, question 90.6 %, out of
    // scope 93.6 %; held at those levels. After session 14's rules (corruption without tone marks, told conditions, kin;
    // other agencies in municipal words; filed requests asked after; cases put ahead of time): complaint 96.1 %, corruption
    // 98.6 % at precision 90.8 %, question 92.0 %, out of scope 94.8 %, my-case 86.9 %. Session 15, held-out set 9 inside
    // (3,223 messages, 2026-12-07 15:58): complaint 96.3 %, corruption 98.3 % at precision 89.9 %, question 91.9 %, out of
    // scope 94.7 %, my-case 85.6 %. After session 15's rules (set 9's misses by kind: nepotism, payment first, spending on
    // record only; questions about reporting, gifts and the budget; conduct without money; other agencies): complaint 96.7 %,
    // corruption 98.6 % at precision 93.2 %, question 94.4 %, out of scope 95.6 %; held at those levels. Then a question the
    // pack answers strongly no longer goes to complaint intake (Understander, session 15): complaint 96.7 → 96.3 %, question
    // 94.4 → 95.5 %, corruption and out of scope unchanged — the Q&A service path's gain (LOWO 77.0 → 79.9 % right in one)
    // bought with ~4 of 898 complaints; complaint floor 0.96. Session 16, held-out set 10 inside (3,575 messages, 2026-12-07
    // 19:00): complaint 96.2 %, corruption 98.1 % (621/633) at precision 92.5 %, question 94.9 %, out of scope 94.4 %, my-case
    // 82.9 %; held at those levels. After session 16's rules (set 10's misses by kind: other agencies' own things and
    // landmarks, money as a service's condition, municipal things rented out, questions on channels, deciders, cards and
    // gifts' lines, cases acted on and asked after, scores in sentences, other faiths' greetings): complaint 96.7 %,
    // corruption 98.4 % at precision 94.4 %, question 96.3 %, out of scope 95.9 %, my-case 93.7 %; held at those levels.
    // Session 17, held-out set 11 inside (3,930 messages, 2026-12-07 22:05): complaint 96.4 %, corruption 98.3 % (682/694) at
    // precision 93.4 %, question 95.9 %, out of scope 94.7 %, my-case 92.8 %. After session 17's rules (set 11's misses by
    // kind: conduct without money a complaint, landmarks of other agencies' buildings, abuse of office for kin or partners,
    // questions about reporting, monks' and Isan greetings): complaint 97.6 %, corruption 98.7 % at precision 95.3 %,
    // question 96.7 %, out of scope 94.7 %, my-case 94.4 %; held a little below (others land on the same rules today).
    // Session 18, held-out set 12 inside (4,283 messages, 2026-12-08 01:10): complaint 97.7 %, corruption 98.3 % (741/754) at
    // precision 94.8 %, question 96.2 %, out of scope 95.6 %, my-case 92.1 %, rating 95.8 %; held at those levels. With
    // session 18's out-of-scope, place and intent rules (set 12's misses by kind; landed in session 19): complaint 97.7 %,
    // corruption 98.7 % (precision 96.1 %), question 96.9 %, out of scope 96.7 %, my-case 96.4 %, rating 97.9 %.
    // Session 19, held-out set 13 inside (4,635 messages): complaint 97.6 %, corruption 97.3 % (precision 95.4 %), question
    // 96.3 %, out of scope 96.2 %; after set 13's misses by kind (the municipality's money or property told as a story):
    // complaint 97.7 %, corruption 98.4 % (precision 95.6 %), question 96.3 %, out of scope 96.2 %, my-case 93.5 %,
    // rating 96.2 %; held at those levels.
    private const double DevComplaintRecallFloor = 0.97;

    private const double DevCorruptionRecallFloor = 0.98;

    private const double DevCorruptionPrecisionFloor = 0.95;

    private const double DevOutOfScopeRecallFloor = 0.96;

    /// <summary>Out of scope is not to be bought by calling questions out of scope.</summary>
    private const double DevQuestionRecallFloor = 0.96;

    // Leave-one-writer-out floors (h1 … h6, 1,764 messages each scored by a model trained without its writer; the rules
    // in-sample): the measured levels of 2026-12-07 07:30 (complaint 96.5 %, corruption 99.7 % at precision 90.8 %, question
    // 92.0 % (91.97), out of scope 94.6 %; with set 6 inside before session 12's changes 96.7 / 98.8 / 90.4 / 91.1 / 91.7 %), so a
    // regression fails. Session 13, h1 … h7 (2,115 messages, set 7's seven personas inside): complaint 95.4 %, corruption
    // 99.2 % at precision 91.6 %, question 92.0 %, out of scope 93.2 %; held at those levels. Session 14, h1 … h8 (2,466
    // messages, set 8's seven personas inside; h8 left out reproduces set 8's one-time held-out scores): complaint 95.6 %,
    // corruption 98.7 % at precision 90.0 % (89.96), question 89.4 %, out of scope 92.2 %. After session 14's rules:
    // complaint 95.6 % (precision 94.4 → 96.7 %), corruption 99.6 % at precision 90.0 %, question 91.0 %, out of scope
    // 94.2 %, my-case 86.1 % (76.4 before); held at those levels. Session 15, h1 … h9 (2,822 messages, set 9's seven
    // personas inside; h9 left out reproduces set 9's one-time held-out scores: complaint 97.1 %, corruption 95.0 % at
    // precision 79.2 %, out of scope 88.7 %, my-case 69.2 %): complaint 95.8 %, corruption 99.0 % (500/505) at precision
    // 89.6 %, question 91.2 %, out of scope 95.0 %, my-case 84.7 %. After session 15's rules: complaint 96.2 %, corruption
    // 99.4 % (502/505) at precision 93.1 %, question 94.0 % (687/731 = 93.98), out of scope 96.3 %, my-case 84.7 %; held at those levels.
    // Session 16, h1 … h10 (3,174 messages, set 10's seven personas inside; h10 left out reproduces set 10's one-time held-out
    // scores: complaint 96.0 %, corruption 96.7 % at precision 85.3 %, out of scope 83.3 %, my-case 64.3 %; question 88.9 %
    // against 87.8 % held out: the same misses but one, a question on a second water meter no longer out of scope, the Q&A
    // index having learned set 10's own questions from dev-questions.yaml): complaint 96.2 %, corruption 99.1 % (560/565) at precision 92.3 %, question 94.6 %, out of scope
    // 94.8 %, my-case 82.8 %, rating 86.3 %. After session 16's rules (written from all of dev, set 10's misses by kind, so
    // h10's share is in-sample now; no message right before is missed after): complaint 96.7 %, corruption 99.5 % (562/565)
    // at precision 94.5 %, question 96.1 %, out of scope 96.7 %, my-case 94.9 %, rating 97.3 %, menu 96.8 %; held at those levels.
    // Session 17, h1 … h11 (3,529 messages, set 11's seven personas inside; h11 left out reproduces set 11's one-time held-out
    // scores, the same 40 misses: complaint 91.0 %, corruption 95.1 % at precision 82.9 %, question 91.1 %, out of scope
    // 81.7 %): complaint 96.3 %, corruption 99.0 % (620/626) at precision 93.5 %, question 95.7 %, out of scope 95.2 %,
    // my-case 93.8 %, rating 95.1 %, greeting 82.9 %. After session 17's rules (written from all of dev, set 11's misses by
    // kind, so h11's share is in-sample now: h1 … h10 alone lost complaint misses 27 → 23, question 31 → 30, false alarms of
    // corruption 31 → 26, no message right before missed after): complaint 97.7 %, corruption 99.5 % (623/626) at precision
    // 95.6 %, question 96.6 %, out of scope 95.2 %, my-case 95.6 %, rating 97.6 %, greeting 86.6 %; held a little below.
    // Session 18, h1 … h12 (3,882 messages, set 12's seven personas inside; h12 left out reproduces set 12's one-time held-out
    // scores, the same 31 intent misses as /work/coord/s17/heldout12-misses.txt: complaint 97.0 %, corruption 96.7 % at
    // precision 86.6 %, question 94.4 %, out of scope 86.7 %, my-case 8/14, rating 7/9): complaint 97.6 %, corruption 99.1 %
    // (680/686) at precision 94.8 %, question 96.1 %, out of scope 95.9 %, my-case 91.3 %, rating 95.6 %, greeting 87.6 %;
    // held at those levels. With session 18's out-of-scope rules (1d9db6d) and set 12's misses by kind (landed in session
    // 19; h12's share in-sample for them): complaint 97.7 %, corruption 99.6 % (683/686) at precision 96.3 %, question
    // 96.8 %, out of scope 97.2 % (621/639), my-case 96.1 %, rating 97.8 %, menu 97.3 %, greeting 87.6 %. Session 19, h1 …
    // h13 (4,234 messages; h13 left out reproduces set 13's one-time held-out misses: complaint 96.0 %, corruption 85.0 %
    // at precision 82.3 %, question 88.9 %): complaint 97.4 %, corruption 98.0 % (731/746) at precision 95.3 %, question
    // 96.5 %, out of scope 96.9 %, my-case 93.6 %, rating 96.0 %. After set 13's misses by kind (CorruptionSignals: spending
    // on record that did not happen whatever is asked with it, a padded price, a dead person's allowance drawn, public
    // things sold off, the municipality's workers by their work, an animal under a table; h13's share in-sample for them,
    // its nine missed reports and the dog now right, no message right before missed after): complaint 97.5 % (precision
    // 99.1 %), corruption 99.2 % (740/746) at precision 95.5 %, question 96.5 %, out of scope 96.9 %; held a little below.
    private const double LowoComplaintRecallFloor = 0.97;

    private const double LowoCorruptionRecallFloor = 0.99;

    private const double LowoCorruptionPrecisionFloor = 0.95;

    private const double LowoOutOfScopeRecallFloor = 0.965;

    private const double LowoQuestionRecallFloor = 0.96;

    // Held-out set 13 (352 messages by seven new personas, written blind and committed alone in d5a895c; scored once by the
    // lead, 2026-12-08, on 49e0c83 — session 18's start, only the set switched — and on 28b2c44 after session 18's tuning on
    // dev, with nothing tuned on it). Before → after: complaint 96.0 → 96.0, corruption 85.0 → 85.0 (nine reports missed,
    // all of one kind: municipal money or property told as a story inside a complaint), out of scope 93.3 → 91.7 %,
    // question 90.0 → 88.9 %. Set 12 read 97.0 / 96.7 / 86.7 % after session 17.

    /// <summary>Held-out set 13, scored once: 55/60 = 91.7 %; issue 13's target, 90 %, is met (set 12: 86.7 %).</summary>
    private const double HeldOutOutOfScopeRecallFloor = 0.916;

    /// <summary>Held-out set 13, scored once: 96/100 = 96.0 %; issue 13's target, 95 %, is met.</summary>
    private const double HeldOutComplaintRecallFloor = 0.96;

    /// <summary>Held-out set 13, scored once: 51/60 = 85.0 %; issue 13's target, 98 %, is not met (nine reports missed).</summary>
    private const double HeldOutCorruptionRecallFloor = 0.85;

    /// <summary>Held-out set 13, scored once: 82.3 % (a false alarm costs the citizen one tap).</summary>
    private const double HeldOutCorruptionPrecisionFloor = 0.82;

    /// <summary>
    /// The held-out set named by HeldOut.HeldOutSet: held-out set 13, written by an engineer who saw neither the code nor the
    /// dev data, scored once on 2026-12-08 with nothing tuned on it. Complaint recall 96.0 % meets issue 13's 95 % and out of
    /// scope answered honestly 91.7 % its 90 %; corruption recall 85.0 % (98 %) does not; each, and corruption precision
    /// (82.3 %), is held at its measured level, so a regression fails. Question recall is printed
    /// with the rest: out of scope must not be bought by calling questions out of scope.
    /// </summary>
    [Fact]
    public void HeldOut_Understander_HoldsItsMeasuredComplaintCorruptionAndOutOfScopeLevels()
    {
        var report = IntentEvaluation.Evaluate(IntentEvaluation.HeldOut);

        // Aggregates only: the held-out messages the understander misses are not printed, so nobody tunes on them.
        Report($"held-out {HeldOut.Label}: {report}");
        Assert.True(IntentEvaluation.HeldOut.Count >= 300);
        Assert.True(report.For(Intent.Complaint).Recall >= HeldOutComplaintRecallFloor, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < {HeldOutComplaintRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Recall >= HeldOutCorruptionRecallFloor, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < {HeldOutCorruptionRecallFloor:P1}");
        Assert.True(report.For(Intent.OutOfScope).Recall >= HeldOutOutOfScopeRecallFloor, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < {HeldOutOutOfScopeRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Precision >= HeldOutCorruptionPrecisionFloor, $"corruption precision {report.For(Intent.Corruption).Precision:P1} < {HeldOutCorruptionPrecisionFloor:P1}");
    }

    /// <summary>Dev (the three spent held-out sets in it), 5-fold cross-validated: the levels tuning reached, and its misses printed.</summary>
    [Fact]
    public void Dev_CrossValidated_HoldsItsLevelsAndPrintsItsMisses()
    {
        var report = IntentEvaluation.CrossValidate(IntentEvaluation.Dev, IntentBlend.Default);

        Report($"dev, {IntentEvaluation.Folds}-fold cross-validated: {report}");
        // Errors by kind first (labelled → understood), so tuning reads kinds of mistakes, not single messages.
        foreach (var kind in report.Misses.Where(m => m.StartsWith("INTENT", StringComparison.Ordinal))
            .GroupBy(m => m[..m.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            Report($"  {kind.Count(),3} × {kind.Key}");
        }

        foreach (var miss in report.Misses)
        {
            Report("  " + miss);
        }

        Assert.True(IntentEvaluation.Dev.Count >= 600);
        Assert.True(report.For(Intent.Complaint).Recall >= DevComplaintRecallFloor, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < {DevComplaintRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Recall >= DevCorruptionRecallFloor, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < {DevCorruptionRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Precision >= DevCorruptionPrecisionFloor, $"corruption precision {report.For(Intent.Corruption).Precision:P1} < {DevCorruptionPrecisionFloor:P1}");
        Assert.True(report.For(Intent.OutOfScope).Recall >= DevOutOfScopeRecallFloor, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < {DevOutOfScopeRecallFloor:P1}");
        Assert.True(report.For(Intent.Question).Recall >= DevQuestionRecallFloor, $"question recall {report.For(Intent.Question).Recall:P1} < {DevQuestionRecallFloor:P1}");
    }

    /// <summary>
    /// Leave one writer out (what a new writer's phrasing gets, as a held-out set measures it): each blind writer's
    /// messages scored by a model trained without them, pooled over the writers, beside 5-fold cross-validation, per intent.
    /// Floors at the measured levels, so a regression fails; changes are chosen by this figure, not by k-fold.
    /// </summary>
    [Fact]
    public void Dev_LeaveOneWriterOut_HoldsItsLevelsAndPrintsEachWriter()
    {
        var (pooled, perWriter) = IntentEvaluation.LeaveOneWriterOut(IntentEvaluation.Dev, IntentBlend.Default);
        var kFold = IntentEvaluation.CrossValidate(IntentEvaluation.Dev, IntentBlend.Default);

        Report($"dev, leave one writer out ({string.Join(", ", perWriter.Select(w => w.Writer))}): {pooled}");
        Report($"dev, {IntentEvaluation.Folds}-fold cross-validated (all {IntentEvaluation.Dev.Count}): {kFold}");
        foreach (var (writer, report) in perWriter)
        {
            Report($"  writer {writer} left out: {Line(report)}");
        }

        foreach (var kind in pooled.Misses.Where(m => m.StartsWith("INTENT", StringComparison.Ordinal))
            .GroupBy(m => m[..m.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            Report($"  leave one writer out {kind.Count(),3} × {kind.Key}");
        }

        // Every writer's misses (all of them dev data now), so a new writer's kinds of mistakes can be read.
        foreach (var (writer, report) in perWriter)
        {
            foreach (var miss in report.Misses.Where(m => m.StartsWith("INTENT", StringComparison.Ordinal)))
            {
                Report($"  {writer} left out: {miss}");
            }
        }

        Assert.Equal(13, perWriter.Count);
        Assert.True(pooled.For(Intent.Complaint).Recall >= LowoComplaintRecallFloor, $"complaint recall {pooled.For(Intent.Complaint).Recall:P1} < {LowoComplaintRecallFloor:P1}");
        Assert.True(pooled.For(Intent.Corruption).Recall >= LowoCorruptionRecallFloor, $"corruption recall {pooled.For(Intent.Corruption).Recall:P1} < {LowoCorruptionRecallFloor:P1}");
        Assert.True(pooled.For(Intent.Corruption).Precision >= LowoCorruptionPrecisionFloor, $"corruption precision {pooled.For(Intent.Corruption).Precision:P1} < {LowoCorruptionPrecisionFloor:P1}");
        Assert.True(pooled.For(Intent.OutOfScope).Recall >= LowoOutOfScopeRecallFloor, $"out of scope answered honestly {pooled.For(Intent.OutOfScope).Recall:P1} < {LowoOutOfScopeRecallFloor:P1}");
        Assert.True(pooled.For(Intent.Question).Recall >= LowoQuestionRecallFloor, $"question recall {pooled.For(Intent.Question).Recall:P1} < {LowoQuestionRecallFloor:P1}");
    }

    /// <summary>The model earns its place: cross-validated on dev, rules with the model find at least what the rules alone find.</summary>
    [Fact]
    public void Dev_CrossValidated_RulesWithModelFindMoreThanRulesAlone()
    {
        var rules = IntentEvaluation.CrossValidate(IntentEvaluation.Dev, IntentBlend.RulesOnly);
        var blended = IntentEvaluation.CrossValidate(IntentEvaluation.Dev, IntentBlend.Default);

        Report($"dev, rules alone: {Line(rules)}");
        Report($"dev, rules + model {IntentBlend.Default}: {Line(blended)}");
        var d = IntentBlend.Default;
        foreach (var blend in new[] { 1.0, 2.0, 8.0, 16.0, 64.0 }.Select(t => d with { Sharpness = t })
            .Concat(new[] { 0.1, 0.3, 0.4, 0.5 }.Select(t => d with { Corruption = t }))
            .Concat(new[] { 0.3, 0.5, 0.9, 2.0 }.Select(t => d with { CorruptionOverComplaint = t }))
            .Concat(new[] { 0.4, 0.5, 0.7, 0.8 }.Select(t => d with { Complaint = t }))
            .Concat(new[] { 0.2, 0.4, 0.6, 0.8 }.Select(t => d with { OutOfScope = t }))
            .Concat(new[] { -0.4, 0.0, 2.0 }.Select(t => d with { ForeignMargin = t }))
            .Concat(new[] { 0.7, 2.0 }.Select(t => d with { Social = t }))
            .Concat(new[] { 0.3, 0.5, 0.6, 2.0 }.Select(t => d with { OutOfScopeOverAnswer = t }))
            .Concat(new[] { 0.3, 0.7, 2.0 }.Select(t => d with { CorruptionOverOutOfScope = t }))
            .Concat(new[] { 0.5, 0.7, 2.0 }.Select(t => d with { CorruptionOverAnswer = t }))
            .Concat(new[] { 0.7, 1.0 }.Select(t => d with { StrongAnswer = t }))
            .Concat(new[] { 0.4, 0.6, 0.8, 2.0 }.Select(t => d with { OutOfScopeNamed = t }))
            .Concat(new[] { 0.0, 0.3, 0.4 }.Select(t => d with { ForeignOfferBelow = t }))
            .Concat(new[] { 0.3, 0.4, 0.5, 0.7 }.Select(t => d with { CorruptionForeign = t }))
            .Concat(Combined(d)))
        {
            Report($"dev, {blend}: {Line(IntentEvaluation.CrossValidate(IntentEvaluation.Dev, blend))}");
        }

        Assert.True(blended.For(Intent.Corruption).Recall >= rules.For(Intent.Corruption).Recall);
        Assert.True(blended.For(Intent.Complaint).Recall >= rules.For(Intent.Complaint).Recall);
        Assert.True(blended.For(Intent.OutOfScope).Recall >= rules.For(Intent.OutOfScope).Recall);
        Assert.True(blended.Accuracy > rules.Accuracy, $"accuracy {blended.Accuracy:P1} <= rules alone {rules.Accuracy:P1}");
    }

    [Fact]
    public void Sets_TogetherHoldTheMessagesTheIssueAsksFor()
    {
        var all = IntentEvaluation.Dev.Concat(IntentEvaluation.HeldOut).ToList();
        var categories = QandA.QaEvaluation.Pack.ComplaintCategories.Select(c => c.Id).ToList();

        Assert.True(all.Count >= 300);
        Assert.True(all.Count(m => m.Intent == Intent.Complaint) >= 80);
        Assert.True(all.Count(m => m.Intent == Intent.Corruption) >= 50);
        Assert.True(all.Count(m => m.Intent == Intent.Question) >= 100);
        Assert.True(all.Count(m => m.Intent == Intent.OutOfScope) >= 40);
        Assert.All(categories, c => Assert.Contains(IntentEvaluation.HeldOut, m => m.Category == c));
        var shared = IntentEvaluation.Dev.Select(m => m.Text).Intersect(IntentEvaluation.HeldOut.Select(m => m.Text), StringComparer.Ordinal).ToList();
        if (HeldOut.IsSpent)
        {
            // A spent set was appended to dev whole: every one of its messages is there.
            Assert.Equal(IntentEvaluation.HeldOut.Select(m => m.Text).Distinct(StringComparer.Ordinal).Count(), shared.Count);
            return;
        }

        // Written independently, held-out set 3 shared 14 of 312 short everyday messages with dev ("สวัสดีค่ะ", "เมนู"); held-out
        // set 4 shares 30 of 337 (8.9 %), 20 of them with set 3, whose writer worked just as blind: greetings, menu words and
        // common one-line questions (25 of 30 are under 30 characters, the longest 56), which any two writers type alike. A
        // copied set would share far more: at most 10 %. Counted, never printed.
        Assert.True(shared.Count <= IntentEvaluation.HeldOut.Count / 10, $"{shared.Count} held-out messages are in the dev set");
    }

    /// <summary>Changes that each helped alone, tried together (one at a time they do not add up when they catch the same messages).</summary>
    private static IEnumerable<IntentBlend> Combined(IntentBlend d)
    {
        foreach (var corruptionForeign in new[] { 0.2, 0.4, 0.5 })
        {
            foreach (var sharpness in new[] { 4.0, 8.0 })
            {
                var b = d with { CorruptionForeign = corruptionForeign, Sharpness = sharpness };
                yield return b;
                yield return b with { OutOfScope = 0.2 };
                yield return b with { OutOfScopeNamed = 0.4 };
                yield return b with { OutOfScope = 0.2, OutOfScopeNamed = 0.4 };
                yield return b with { OutOfScope = 0.2, OutOfScopeNamed = 0.4, ForeignMargin = -0.4 };
                yield return b with { OutOfScope = 0.2, OutOfScopeNamed = 0.4, Corruption = 0.3 };
            }
        }
    }

    private static string Line(IntentReport r) => string.Format(CultureInfo.InvariantCulture,
        "accuracy {0:P1}; recall complaint {1:P1} corruption {2:P1} question {3:P1} out of scope {4:P1}; precision complaint {5:P1} corruption {6:P1} question {7:P1} out of scope {8:P1}",
        r.Accuracy, r.For(Intent.Complaint).Recall, r.For(Intent.Corruption).Recall, r.For(Intent.Question).Recall, r.For(Intent.OutOfScope).Recall,
        r.For(Intent.Complaint).Precision, r.For(Intent.Corruption).Precision, r.For(Intent.Question).Precision, r.For(Intent.OutOfScope).Precision);

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
