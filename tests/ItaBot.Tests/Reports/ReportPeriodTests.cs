using ItaBot.Reports;
using static ItaBot.Tests.Cases.CaseTestKit;

namespace ItaBot.Tests.Reports;

public sealed class ReportPeriodTests
{
    public static TheoryData<string, string, string, string> Periods => new()
    {
        { "fy2568", "FiscalYear", "2024-10-01", "2025-09-30" },
        { "fy2568-h1", "HalfYear", "2024-10-01", "2025-03-31" },
        { "fy2568-q1", "Quarter", "2024-10-01", "2024-12-31" },
        { "fy2568-q2", "Quarter", "2025-01-01", "2025-03-31" },
        { "fy2568-q3", "Quarter", "2025-04-01", "2025-06-30" },
        { "fy2568-q4", "Quarter", "2025-07-01", "2025-09-30" },
        { "2568-03", "Month", "2025-03-01", "2025-03-31" },
        { "2567-10", "Month", "2024-10-01", "2024-10-31" },
        { "2567-02", "Month", "2024-02-01", "2024-02-29" },
        { "fy2568-ytd-2025-02-14", "YearToDate", "2024-10-01", "2025-02-14" },
        { "2025-01-01_2025-03-31", "Custom", "2025-01-01", "2025-03-31" },
        { "2025-07-01_2025-12-31", "Custom", "2025-07-01", "2025-12-31" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void Parse_EveryKind_DaysKindAndSlugRoundTrip(string slug, string kind, string from, string to)
    {
        var period = ReportPeriod.Parse(slug)!;

        Assert.Equal(kind, period.Kind.ToString());
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (period.From, period.To));
        Assert.Equal(slug, period.Slug);
        Assert.Equal(period, ReportPeriod.Parse(period.Slug));
        Assert.Equal(period, ReportPeriod.Parse(slug.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fy")]
    [InlineData("fy68")]
    [InlineData("fy2568-q5")]
    [InlineData("fy2568-h2")]
    [InlineData("fy2568-ytd-2025-10-01")]
    [InlineData("2568-13")]
    [InlineData("2025-03-31_2025-01-01")]
    [InlineData("2025-02-30_2025-03-01")]
    public void Parse_NotASlug_Null(string slug) => Assert.Null(ReportPeriod.Parse(slug));

    [Fact]
    public void FiscalYear2568_StartsAndEndsAtMidnightBangkok()
    {
        var fy = ReportPeriod.ForFiscalYear(2568);

        Assert.Equal(Bangkok(2024, 10, 1, 0, 0).UtcDateTime, fy.StartUtc);
        Assert.Equal(new DateTime(2024, 9, 30, 17, 0, 0, DateTimeKind.Utc), fy.StartUtc);
        Assert.Equal(Bangkok(2025, 10, 1, 0, 0).UtcDateTime, fy.EndUtc);
        Assert.Equal(12, fy.Months.Count);
        Assert.Equal((2024, 10), fy.Months[0]);
        Assert.Equal((2025, 9), fy.Months[^1]);
        Assert.False(fy.SpansFiscalYears);
        Assert.Equal("ประจำปีงบประมาณ พ.ศ. 2568", fy.ThaiTitle);
    }

    [Fact]
    public void Contains_ThirtiethOfSeptember2359Bangkok_InFy2568_FirstOfOctoberMidnight_InFy2569()
    {
        var lastMinute = Bangkok(2025, 9, 30, 23, 59).UtcDateTime;
        var lastMillisecond = Bangkok(2025, 9, 30, 23, 59).AddSeconds(59).AddMilliseconds(999).UtcDateTime;
        var midnight = Bangkok(2025, 10, 1, 0, 0).UtcDateTime;

        Assert.True(ReportPeriod.ForFiscalYear(2568).Contains(lastMinute));
        Assert.True(ReportPeriod.ForFiscalYear(2568).Contains(lastMillisecond));
        Assert.False(ReportPeriod.ForFiscalYear(2568).Contains(midnight));
        Assert.True(ReportPeriod.ForFiscalYear(2569).Contains(midnight));
        Assert.False(ReportPeriod.ForFiscalYear(2569).Contains(lastMillisecond));
        Assert.Equal(2568, ReportPeriod.FiscalYearOf(new DateOnly(2025, 9, 30)));
        Assert.Equal(2569, ReportPeriod.FiscalYearOf(new DateOnly(2025, 10, 1)));
        // 17:00 UTC on 30 September is already 1 October in Bangkok.
        Assert.True(ReportPeriod.ForFiscalYear(2569).Contains(new DateTime(2025, 9, 30, 17, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Custom_SpanningTwoFiscalYears_SaysSoAndCountsItsMonths()
    {
        var period = ReportPeriod.Custom(new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31));

        Assert.True(period.SpansFiscalYears);
        Assert.Equal(2568, period.FiscalYear);
        Assert.Equal(6, period.Months.Count);
        Assert.Throws<ArgumentException>(() => ReportPeriod.Custom(new DateOnly(2025, 7, 2), new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void QuarterAndMonth_FiscalYearOfTheirStart()
    {
        Assert.Equal(2569, ReportPeriod.ForMonth(2568, 10).FiscalYear);      // October 2025 opens FY 2569
        Assert.Equal(2568, ReportPeriod.ForMonth(2568, 9).FiscalYear);
        Assert.Equal(new DateOnly(2025, 4, 1), ReportPeriod.ForQuarter(2568, 3).From);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.ForQuarter(2568, 0));
    }
}
