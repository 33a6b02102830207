using System.Globalization;

namespace ItaBot.Reports;

/// <summary>How the staff page, the monthly LINE summary and the <c>report</c> command write figures for a Thai reader.</summary>
internal static class ReportTexts
{
    /// <summary>"1 มีนาคม 2568 – 31 มีนาคม 2568".</summary>
    public static string Span(ReportPeriod period) => $"{ThaiDates.Long(period.From)} – {ThaiDates.Long(period.To)}";

    /// <summary>"1,234".</summary>
    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A duration in hours as staff think of it: hours under two days, days after; "–" when nothing was timed.</summary>
    public static string Duration(double? hours) => hours switch
    {
        null => "–",
        < 48 => string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} ชั่วโมง"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{hours / 24:0.#} วัน"),
    };

    /// <summary>"4.31 / 5" or "–" when nobody rated.</summary>
    public static string Satisfaction(double? average) =>
        average is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a:0.00} / 5") : "–";

    /// <summary>"28 พ.ย. 2569 14:05 น." in Bangkok.</summary>
    public static string At(DateTime utc) => ThaiTime.DateAndTime(utc);
}
