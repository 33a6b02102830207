using System.Globalization;
using ItaBot.Content;
using ItaBot.Privacy.Pages;
using ItaBot.Whistleblowing;

namespace ItaBot.Privacy;

/// <summary>
/// /privacy: the agency's privacy notice (PDPA section 23) in plain HTML, with the same strict headers as /report (no
/// script, no cookie, nothing from elsewhere, no-store); the retention periods come from what the service really does.
/// </summary>
internal static class PrivacyPage
{
    public static IResult Render(ContentPack pack, IReadOnlyDictionary<string, int> retentionDays) =>
        ReportPage.Page<PrivacyNoticePage, NoticeModel>(new(pack, retentionDays));

    /// <param name="RetentionDays">The periods the service really applies, by kind (they win over the notice's own figures).</param>
    internal sealed record NoticeModel(ContentPack Pack, IReadOnlyDictionary<string, int> RetentionDays);

    /// <summary>"730 วัน (ประมาณ 2 ปี)": the figure the job uses, in words a citizen reads.</summary>
    public static string Days(int days) => days >= 365 && days % 365 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{days / 365} ปี")
        : string.Create(CultureInfo.InvariantCulture, $"{days} วัน");

    public static string ThaiDate(DateOnly date) => ThaiDates.Long(date);
}
