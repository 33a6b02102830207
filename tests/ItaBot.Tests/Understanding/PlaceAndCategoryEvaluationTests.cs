using System.Globalization;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Issue 13 item 2's figures: for a typed complaint understood as one, whether the category was picked right, asked or
/// picked wrong (a wrong one is worse than asking), and whether the place it names was found. Leave one writer out, the
/// way a held-out set measures (the model only decides which messages are complaints; the category and place rules read
/// every writer in-sample), pooled and per writer, each miss printed, floors at the measured levels.
/// </summary>
[Trait(Support.TestCategory.Name, Support.TestCategory.Measurement)]
public sealed class PlaceAndCategoryEvaluationTests
{
    // Session 16, h1 … h10 (3,174 messages, 885 complaints; set 10 joined dev as h10), leave one writer out. Before (main
    // 255a706): place found 222/507 (43.8 %), category right 591/838 (70.5 %), asked 121, wrong 126 (15.0 %); h10 alone
    // reproduces set 10's held-out score (place 20/61, category 68/93 right, 12 asked, 13 wrong). After the place finder
    // read places the way people name them, as typed, and the category was taken from what the problem is: place found
    // 431/507 (85.0 %), category right 744/841 (88.5 %), asked 54, wrong 43 (5.1 %); held at those levels. (h10's own
    // 55/61 and 90/93 are not a new writer's figures: set 10's misses were read while writing the rules.) Session 17, h1 …
    // h11 (3,529 messages; set 11 joined dev as h11; h11 alone reproduces set 11's held-out score: place 47/72, category
    // 74/88 right, 5 asked, 9 wrong): place found 480/583 (82.3 %), category right 821/932 (88.1 %), asked 59, wrong 52
    // (5.6 %); held at those levels. After session 17's rules (conduct complaints no longer taken for corruption or
    // questions): more complaints reach a category, a few of staff's conduct whose category reads the service they were
    // about (h6's "…มาถามเรื่องขยะ" → garbage); the ceiling 0.056 → 0.057. Session 18, h1 … h12 (3,882 messages; set 12
    // joined dev as h12; h12 alone reproduces set 12's held-out score: place 54/75, category 73/96 right, 17 asked, 6
    // wrong): place found 536/661 (81.1 %), category right 907/1041 (87.1 %), asked 76, wrong 58 (5.6 %); held at those levels.
    // With session 18's places by kind (82af633) and set 12's intent misses by kind: place found 568/661 (85.9 %), category
    // right 908/1042 (87.1 %), asked 76, wrong 58 (5.6 %). Session 19, h1 … h13 (4,234 messages; set 13 joined dev as h13;
    // h13 alone reproduces set 13's held-out score: place 42/55, category 76/95 right, 8 asked, 11 wrong): place found
    // 610/716 (85.2 %), category right 983/1136 (86.5 %), asked 84, wrong 69 (6.1 %); held at those levels.
    private const double PlaceFoundFloor = 0.85;

    private const double CategoryRightFloor = 0.86;

    /// <summary>A wrong category is worse than asking: it sends the case to the wrong office.</summary>
    private const double CategoryWrongCeiling = 0.061;

    [Fact]
    public void Dev_LeaveOneWriterOut_PlaceAndCategoryHoldTheirLevels()
    {
        var (pooled, perWriter) = IntentEvaluation.LeaveOneWriterOut(IntentEvaluation.Dev, IntentBlend.Default);

        Report($"dev, leave one writer out, pooled: {Line(pooled)}");
        foreach (var (writer, report) in perWriter)
        {
            Report($"  writer {writer} left out: {Line(report)}");
        }

        foreach (var (writer, report) in perWriter)
        {
            foreach (var miss in report.Misses.Where(m => m.StartsWith("PLACE", StringComparison.Ordinal) || m.StartsWith("CATEGORY", StringComparison.Ordinal)))
            {
                Report($"  {writer}: {miss}");
            }
        }

        var placeFound = (double)pooled.PlaceRight / pooled.PlaceLabelled;
        var categoryRight = (double)pooled.CategoryRight / pooled.CategoryLabelled;
        var categoryWrong = (double)pooled.CategoryWrong / pooled.CategoryLabelled;
        Assert.True(placeFound >= PlaceFoundFloor, $"place found {placeFound:P1} < {PlaceFoundFloor:P1}");
        Assert.True(categoryRight >= CategoryRightFloor, $"category right {categoryRight:P1} < {CategoryRightFloor:P1}");
        Assert.True(categoryWrong <= CategoryWrongCeiling, $"category wrong {categoryWrong:P1} > {CategoryWrongCeiling:P1}");
    }

    private static string Line(IntentReport r) => string.Format(CultureInfo.InvariantCulture,
        "place found {0}/{1} ({2:P1}); category right {3}/{4} ({5:P1}), asked {6}, wrong {7} ({8:P1})",
        r.PlaceRight, r.PlaceLabelled, r.PlaceLabelled == 0 ? 1 : (double)r.PlaceRight / r.PlaceLabelled,
        r.CategoryRight, r.CategoryLabelled, r.CategoryLabelled == 0 ? 1 : (double)r.CategoryRight / r.CategoryLabelled,
        r.CategoryAsked, r.CategoryWrong, r.CategoryLabelled == 0 ? 0 : (double)r.CategoryWrong / r.CategoryLabelled);

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
