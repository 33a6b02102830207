namespace ItaBot.Tests.Understanding;

/// <summary>
/// Which held-out set the evaluation tests score (intents and Q&amp;A alike): tests/ItaBot.Tests/Understanding/{set}-intents.yaml
/// and tests/ItaBot.Tests/QandA/{set}-questions.yaml. Only aggregates are printed for it. Held-out set 4 was scored once
/// (2026-12-06 23:30, session 9) and joined dev in session 10; held-out set 5 was scored once (2026-12-07 02:21) and joined
/// dev in session 11 (src: h5); held-out set 6 was scored once (2026-12-07 05:31) and joined dev in session 12 (src: h6).
/// Held-out set 7 (written blind in session 12) was scored once at the end of session 12 and joined dev in session 13
/// (src: h7). Held-out set 8 was written blind in session 13 (f03143a) and scored once by the lead (2026-12-07 11:30 UTC);
/// it joined dev in session 14 (src: h8). Held-out set 9 was written blind in session 14 (35ab75c) and scored once by the
/// lead (2026-12-07 14:29 UTC); it joined dev in session 15 (src: h9). Held-out set 10 was written blind in session 15
/// (533c7c1), scored once by the lead (2026-12-07 17:20 UTC) and joined dev in session 16 (src: h10). Held-out set 11 was
/// written blind in session 16 (5314d03) and scored once by the lead (2026-12-07 20:31 UTC); it joined dev in session 17
/// (src: h11). Held-out set 12 was written blind in session 17 (40be41c) and scored once by the lead (2026-12-07 23:27 UTC);
/// it joined dev in session 18 (src: h12). Held-out set 13 was written blind in session 18 (d5a895c) and scored once by the
/// lead (2026-12-08, on 49e0c83 and again on 28b2c44 with nothing tuned on it); it joined dev in session 19 (src: h13; HeldOutSet
/// stays heldout13, in-sample, until set 14 is written). Nobody tuning runs the held-out test methods.
/// </summary>
internal static class HeldOut
{
    public const string HeldOutSet = "heldout13";

    /// <summary>Held-out sets already appended to the dev sets: their figures are in-sample and say nothing about unseen messages.</summary>
    private static readonly string[] SpentSets = ["heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13"];

    public static bool IsSpent => SpentSets.Contains(HeldOutSet, StringComparer.Ordinal);

    /// <summary>How the printed figures are labelled, so an in-sample score is never read as a held-out one.</summary>
    public static string Label => IsSpent ? $"{HeldOutSet} (spent, inside dev: in-sample)" : HeldOutSet;
}
