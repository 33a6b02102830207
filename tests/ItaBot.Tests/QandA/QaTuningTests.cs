using System.Globalization;
using ItaBot.QandA;

namespace ItaBot.Tests.QandA;

/// <summary>
/// The grid search that chose <see cref="QaTuning.Default"/> and the thresholds in <see cref="QaOptions"/>, on the
/// dev set only. Explicit: run it with <c>-- --filter-method "*Grid*" --explicit only</c> and ITABOT_QA_REPORT=file.
/// </summary>
public sealed class QaTuningTests
{
    [Fact(Explicit = true)]
    public void Grid_OnTheDevSet_PrintsTheBestSettings()
    {
        var lines = new List<string>();
        foreach (var method in Environment.GetEnvironmentVariable("ITABOT_QA_THRESHOLDS_ONLY") is null ? new[] { QaMethod.CharNgrams, QaMethod.Words, QaMethod.Combined } : [])
        {
            var best = (Score: -1.0, Line: "");
            foreach (var k1 in new[] { 0.8, 1.2, 1.6 })
            foreach (var b in new[] { 0.3, 0.5, 0.75 })
            foreach (var body in new[] { 0.0, 0.15, 0.3, 0.5 })
            foreach (var word in method == QaMethod.Combined ? new[] { 0.3, 0.5, 0.7 } : new[] { 0.5 })
            {
                var tuning = new QaTuning { K1 = k1, B = b, BodyWeight = body, WordWeight = word };
                var index = new QaIndex(QaCatalog.Build(QaEvaluation.Pack, withAlternatives: false), method, tuning);
                var figures = QaEvaluation.Evaluate(index, new QaOptions { Method = method }, QaEvaluation.Dev);
                var score = figures.Top1 + figures.Top3;
                if (score > best.Score)
                {
                    best = (score, string.Create(CultureInfo.InvariantCulture, $"{method} k1={k1} b={b} body={body} word={word}: {figures}"));
                }
            }

            lines.Add(best.Line);
        }

        var chosen = new QaIndex(QaCatalog.Build(QaEvaluation.Pack, withAlternatives: false), QaMethod.Combined);
        foreach (var high in new[] { 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 })
        foreach (var low in new[] { 0.15, 0.2, 0.25, 0.3, 0.35 })
        foreach (var margin in new[] { 0.0, 0.1, 0.2, 0.3 })
        {
            var figures = QaEvaluation.Evaluate(chosen, new QaOptions { High = high, Low = low, MinMargin = margin }, QaEvaluation.Dev);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"high={high} low={low} margin={margin}: {figures}"));
        }

        if (Environment.GetEnvironmentVariable("ITABOT_QA_REPORT") is { Length: > 0 } file)
        {
            File.WriteAllLines(file, lines);
        }

        Assert.NotEmpty(lines);
    }
}
