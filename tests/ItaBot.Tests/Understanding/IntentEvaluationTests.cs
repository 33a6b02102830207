using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Issue 13's figures for the understanding step. The rules are tuned on the dev set (its misses are printed); the
/// held-out set is only scored, aggregates printed, and asserted against the issue's targets so a regression fails.
/// </summary>
public sealed class IntentEvaluationTests
{
    /// <summary>
    /// Held-out floors: what the rules reach there now (issue 13's targets are 95 % complaint recall, 98 % corruption recall:
    /// not met held out, see README "Figures"), so any regression fails. Raise them as the rules improve on the dev set.
    /// </summary>
    private const double HeldOutComplaintRecallFloor = 0.875;

    private const double HeldOutCorruptionRecallFloor = 0.80;

    /// <summary>Issue 13's target, met held out.</summary>
    private const double OutOfScopeTarget = 0.90;

    [Fact]
    public void HeldOut_Understander_HoldsItsFloorsAndTheOutOfScopeTarget()
    {
        var report = IntentEvaluation.Evaluate(IntentEvaluation.HeldOut);

        // Aggregates only: the held-out messages the rules miss are not printed, so nobody tunes on them.
        Report($"held-out: {report}");
        Assert.True(IntentEvaluation.HeldOut.Count >= 150);
        Assert.True(report.For(Intent.Complaint).Recall >= HeldOutComplaintRecallFloor, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < {HeldOutComplaintRecallFloor:P1}");
        Assert.True(report.For(Intent.Corruption).Recall >= HeldOutCorruptionRecallFloor, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < {HeldOutCorruptionRecallFloor:P1}");
        Assert.True(report.For(Intent.OutOfScope).Recall >= OutOfScopeTarget, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < 90 %");
        Assert.True(report.For(Intent.Corruption).Precision >= 0.9, $"corruption precision {report.For(Intent.Corruption).Precision:P1} < 90 %");
    }

    [Fact]
    public void Dev_Understander_MeetsTheTargetsAndPrintsItsMisses()
    {
        var report = IntentEvaluation.Evaluate(IntentEvaluation.Dev);

        Report($"dev: {report}");
        foreach (var miss in report.Misses)
        {
            Report("  " + miss);
        }

        Assert.True(IntentEvaluation.Dev.Count >= 150);
        Assert.True(report.For(Intent.Complaint).Recall >= 0.95, $"complaint recall {report.For(Intent.Complaint).Recall:P1} < 95 %");
        Assert.True(report.For(Intent.Corruption).Recall >= 0.98, $"corruption recall {report.For(Intent.Corruption).Recall:P1} < 98 %");
        Assert.True(report.For(Intent.OutOfScope).Recall >= 0.90, $"out of scope answered honestly {report.For(Intent.OutOfScope).Recall:P1} < 90 %");
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
        Assert.All(categories, c => Assert.Contains(all, m => m.Category == c));
        Assert.Empty(IntentEvaluation.Dev.Select(m => m.Text).Intersect(IntentEvaluation.HeldOut.Select(m => m.Text), StringComparer.Ordinal));
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
