using System.Globalization;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Issue 13's figures for the understanding step. The rules are tuned and the model is trained on the dev set (its misses
/// under cross-validation are printed); the held-out set is only scored, aggregates printed, and asserted against the
/// issue's targets, or the measured level where a target is not met, so a regression fails.
/// </summary>
public sealed class IntentEvaluationTests
{
    /// <summary>
    /// Held-out floors: what the shipped understander reaches on heldout2-intents.yaml over main's content pack and Q&A
    /// settings of 2026-12-06 17:10 (complaint 64/68, corruption 50/53, out of scope 23/30). Issue 13's targets, 95 %, 98 % and 90 %, are not met there (see README
    /// "Figures"), so these floors make any regression fail.
    /// </summary>
    private const double HeldOutComplaintRecallFloor = 0.94;

    private const double HeldOutCorruptionRecallFloor = 0.94;

    private const double HeldOutOutOfScopeRecallFloor = 0.76;

    /// <summary>Dev, 5-fold cross-validated: out of scope reaches 80.4 % (45/56), below the issue's 90 %; this floor holds it.</summary>
    private const double DevOutOfScopeRecallFloor = 0.80;

    [Fact]
    public void HeldOut_Understander_HoldsItsFloors()
    {
        var report = IntentEvaluation.Evaluate(IntentEvaluation.HeldOut);

        // Aggregates only: the held-out messages the understander misses are not printed, so nobody tunes on them.
        Report($"held-out: {report}");
        Assert.True(IntentEvaluation.HeldOut.Count >= 200);
        Assert.True(report.For(Intent.Complaint).Recall >= HeldOutComplaintRecallFloor, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < {HeldOutComplaintRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Recall >= HeldOutCorruptionRecallFloor, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < {HeldOutCorruptionRecallFloor:P1}");
        Assert.True(report.For(Intent.OutOfScope).Recall >= HeldOutOutOfScopeRecallFloor, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < {HeldOutOutOfScopeRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Precision >= 0.8, $"corruption precision {report.For(Intent.Corruption).Precision:P1} < 80 %");
    }

    [Fact]
    public void Dev_CrossValidated_HoldsItsLevelsAndPrintsItsMisses()
    {
        var report = IntentEvaluation.CrossValidate(IntentEvaluation.Dev, IntentBlend.Default);

        Report($"dev, {IntentEvaluation.Folds}-fold cross-validated: {report}");
        foreach (var miss in report.Misses)
        {
            Report("  " + miss);
        }

        Assert.True(IntentEvaluation.Dev.Count >= 300);
        Assert.True(report.For(Intent.Complaint).Recall >= 0.95, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < 95 %");
        Assert.True(report.For(Intent.Corruption).Recall >= 0.98, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < 98 %");
        Assert.True(report.For(Intent.OutOfScope).Recall >= DevOutOfScopeRecallFloor, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < {DevOutOfScopeRecallFloor:P1}");
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
            .Concat(new[] { 0.7, 2.0 }.Select(t => d with { Social = t })))
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
        Assert.Empty(IntentEvaluation.Dev.Select(m => m.Text).Intersect(IntentEvaluation.HeldOut.Select(m => m.Text), StringComparer.Ordinal));
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
