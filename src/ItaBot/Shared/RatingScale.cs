using System.Globalization;

namespace ItaBot.Shared;

/// <summary>
/// The one set of labels for the 1–5 satisfaction score, wherever the citizen picks one: the closing notice's quick
/// replies and the typed "ให้คะแนน" prompt show the same buttons.
/// </summary>
internal static class RatingScale
{
    private static readonly string[] Words = ["ไม่พอใจ", "ไม่ค่อยพอใจ", "ปานกลาง", "พอใจ", "พอใจมาก"];

    /// <summary>Best first, as the buttons are shown.</summary>
    public static IReadOnlyList<int> Scores { get; } = [5, 4, 3, 2, 1];

    /// <summary>"5 พอใจมาก" … "1 ไม่พอใจ" (at most 20 characters, LINE's limit for a quick reply label).</summary>
    public static string Label(int score) => string.Create(CultureInfo.InvariantCulture, $"{score} {Words[score - 1]}");
}
