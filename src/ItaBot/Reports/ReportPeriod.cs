using System.Globalization;
using ItaBot.Cases;

namespace ItaBot.Reports;

/// <summary>What kind of period a report covers; the ITA works in fiscal years (1 October – 30 September).</summary>
internal enum PeriodKind
{
    FiscalYear,
    HalfYear,
    Quarter,
    Month,
    YearToDate,
    Custom,
}

/// <summary>
/// A reporting period in Bangkok days, <see cref="From"/> and <see cref="To"/> both inclusive. Fiscal years are named by
/// their Buddhist Era year: FY 2568 = 1 October 2024 – 30 September 2025. <see cref="FiscalYear"/> is the fiscal year the
/// period starts in. <see cref="Slug"/> names the period in URLs and file names ("fy2568", "fy2568-h1", "fy2568-q2",
/// "2568-03", "fy2568-ytd-2025-02-14", "2025-01-01_2025-03-31") and <see cref="Parse"/> reads it back.
/// </summary>
internal sealed record ReportPeriod(PeriodKind Kind, int FiscalYear, DateOnly From, DateOnly To)
{
    public const int BuddhistEraOffset = 543;

    /// <summary>First instant of the period, UTC.</summary>
    public DateTime StartUtc => TimeZoneInfo.ConvertTimeToUtc(From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingCalendar.Bangkok);

    /// <summary>First instant after the period, UTC (exclusive end).</summary>
    public DateTime EndUtc => TimeZoneInfo.ConvertTimeToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingCalendar.Bangkok);

    /// <summary>Whether a UTC instant falls in the period.</summary>
    public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

    /// <summary>The months the period touches, in order (Gregorian year and month of each Bangkok month).</summary>
    public IReadOnlyList<(int Year, int Month)> Months
    {
        get
        {
            var months = new List<(int, int)>();
            for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
            {
                months.Add((m.Year, m.Month));
            }

            return months;
        }
    }

    /// <summary>Whether the period spans more than one fiscal year (allowed for custom periods; documents say so).</summary>
    public bool SpansFiscalYears => FiscalYearOf(From) != FiscalYearOf(To);

    public static ReportPeriod ForFiscalYear(int fiscalYearBe)
    {
        var start = new DateOnly(fiscalYearBe - BuddhistEraOffset - 1, 10, 1);
        return new ReportPeriod(PeriodKind.FiscalYear, fiscalYearBe, start, start.AddYears(1).AddDays(-1));
    }

    /// <summary>The first half of a fiscal year, 1 October – 31 March (the ITA's six-month report).</summary>
    public static ReportPeriod ForHalfYear(int fiscalYearBe)
    {
        var start = new DateOnly(fiscalYearBe - BuddhistEraOffset - 1, 10, 1);
        return new ReportPeriod(PeriodKind.HalfYear, fiscalYearBe, start, start.AddMonths(6).AddDays(-1));
    }

    /// <summary>Quarter 1–4 of a fiscal year (Q1 = October – December).</summary>
    public static ReportPeriod ForQuarter(int fiscalYearBe, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(fiscalYearBe - BuddhistEraOffset - 1, 10, 1).AddMonths(3 * (quarter - 1));
        return new ReportPeriod(PeriodKind.Quarter, fiscalYearBe, start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>A calendar month, named by its Buddhist Era year ("มีนาคม 2568" = March 2025).</summary>
    public static ReportPeriod ForMonth(int yearBe, int month)
    {
        var start = new DateOnly(yearBe - BuddhistEraOffset, month, 1);
        return new ReportPeriod(PeriodKind.Month, FiscalYearOf(start), start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>From the start of the fiscal year of <paramref name="today"/> to <paramref name="today"/>.</summary>
    public static ReportPeriod YearToDate(DateOnly today)
    {
        var fiscalYear = FiscalYearOf(today);
        return new ReportPeriod(PeriodKind.YearToDate, fiscalYear, ForFiscalYear(fiscalYear).From, today);
    }

    public static ReportPeriod Custom(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        return new ReportPeriod(PeriodKind.Custom, FiscalYearOf(from), from, to);
    }

    /// <summary>The Buddhist Era fiscal year a Bangkok day belongs to (1 October 2024 is in FY 2568).</summary>
    public static int FiscalYearOf(DateOnly day) => day.Year + BuddhistEraOffset + (day.Month >= 10 ? 1 : 0);

    public string Slug => Kind switch
    {
        PeriodKind.FiscalYear => Invariant($"fy{FiscalYear}"),
        PeriodKind.HalfYear => Invariant($"fy{FiscalYear}-h1"),
        PeriodKind.Quarter => Invariant($"fy{FiscalYear}-q{((From.Month + 2) % 12 / 3) + 1}"),
        PeriodKind.Month => Invariant($"{From.Year + BuddhistEraOffset}-{From.Month:D2}"),
        PeriodKind.YearToDate => Invariant($"fy{FiscalYear}-ytd-{To:yyyy-MM-dd}"),
        _ => Invariant($"{From:yyyy-MM-dd}_{To:yyyy-MM-dd}"),
    };

    /// <summary>Reads a <see cref="Slug"/> back; null when it is not one.</summary>
    public static ReportPeriod? Parse(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var s = slug.Trim().ToLowerInvariant();
        try
        {
            if (s.StartsWith("fy", StringComparison.Ordinal))
            {
                var parts = s[2..].Split('-', 2);
                if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var fy) || fy is < 2400 or > 2800)
                {
                    return null;
                }

                if (parts.Length == 1)
                {
                    return ForFiscalYear(fy);
                }

                if (parts[1] == "h1")
                {
                    return ForHalfYear(fy);
                }

                if (parts[1].Length == 2 && parts[1][0] == 'q' && parts[1][1] is >= '1' and <= '4')
                {
                    return ForQuarter(fy, parts[1][1] - '0');
                }

                if (parts[1].StartsWith("ytd-", StringComparison.Ordinal)
                    && DateOnly.TryParseExact(parts[1][4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today)
                    && FiscalYearOf(today) == fy)
                {
                    return YearToDate(today);
                }

                return null;
            }

            if (s.Length == 7 && s[4] == '-'
                && int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var yearBe)
                && int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                && yearBe is >= 2400 and <= 2800 && month is >= 1 and <= 12)
            {
                return ForMonth(yearBe, month);
            }

            var range = s.Split('_');
            if (range.Length == 2
                && DateOnly.TryParseExact(range[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                && DateOnly.TryParseExact(range[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                && from <= to)
            {
                return Custom(from, to);
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        return null;
    }

    /// <summary>How documents name the period: "ประจำปีงบประมาณ พ.ศ. 2568", "ประจำเดือนมีนาคม พ.ศ. 2568", …</summary>
    public string ThaiTitle => Kind switch
    {
        PeriodKind.FiscalYear => Invariant($"ประจำปีงบประมาณ พ.ศ. {FiscalYear}"),
        PeriodKind.HalfYear => Invariant($"รอบ 6 เดือน ปีงบประมาณ พ.ศ. {FiscalYear} ({ThaiDates.Long(From)} – {ThaiDates.Long(To)})"),
        PeriodKind.Quarter => Invariant($"ไตรมาสที่ {((From.Month + 2) % 12 / 3) + 1} ปีงบประมาณ พ.ศ. {FiscalYear} ({ThaiDates.Long(From)} – {ThaiDates.Long(To)})"),
        PeriodKind.Month => Invariant($"ประจำเดือน{ThaiDates.MonthName(From.Month)} พ.ศ. {From.Year + BuddhistEraOffset}"),
        PeriodKind.YearToDate => Invariant($"ปีงบประมาณ พ.ศ. {FiscalYear} ตั้งแต่ {ThaiDates.Long(From)} ถึง {ThaiDates.Long(To)}"),
        _ => Invariant($"ตั้งแต่ {ThaiDates.Long(From)} ถึง {ThaiDates.Long(To)}"),
    };

    public override string ToString() => Slug;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
