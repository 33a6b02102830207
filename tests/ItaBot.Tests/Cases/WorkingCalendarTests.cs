using ItaBot.Cases;
using static ItaBot.Tests.Cases.CaseTestKit;

namespace ItaBot.Tests.Cases;

public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar _calendar = new(ShippedHolidays);

    private static DateTime Utc(DateTimeOffset bangkok) => bangkok.UtcDateTime;

    private static DateTime EndOfBangkokDay(int year, int month, int day) => Bangkok(year, month, day, 23, 59).AddSeconds(59).UtcDateTime;

    [Fact]
    public void ShippedHolidays_Include2025To2027Songkran()
    {
        Assert.Contains(new DateOnly(2025, 4, 14), ShippedHolidays);
        Assert.Contains(new DateOnly(2026, 4, 13), ShippedHolidays);
        Assert.Contains(new DateOnly(2027, 4, 15), ShippedHolidays);
        Assert.True(ShippedHolidays.Count >= 50, $"{ShippedHolidays.Count} holidays");
    }

    [Fact]
    public void AcknowledgeBy_MondayMorning_EndOfTuesday() =>
        Assert.Equal(EndOfBangkokDay(2025, 6, 10), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 6, 9, 9, 0)), 1));

    [Fact]
    public void AcknowledgeBy_FridayEvening_EndOfMonday() =>
        Assert.Equal(EndOfBangkokDay(2025, 6, 23), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 6, 20, 19, 30)), 1));

    [Fact]
    public void AcknowledgeBy_FridayEveningUtcIsSaturdayInBangkok_EndOfMonday()
    {
        // 18:00 UTC on Friday is 01:00 on Saturday in Bangkok: still Monday's deadline.
        var filed = new DateTime(2025, 6, 20, 18, 0, 0, DateTimeKind.Utc);
        Assert.Equal(EndOfBangkokDay(2025, 6, 23), _calendar.AcknowledgeBy(filed, 1));
    }

    [Fact]
    public void AcknowledgeBy_ThursdayBeforeSongkran2025_SkipsTheWholeHolidayRun()
    {
        // Fri 11 Apr is a working day; Sat–Sun, then Mon 14, Tue 15 Songkran and Wed 16 its substitute day.
        Assert.Equal(EndOfBangkokDay(2025, 4, 11), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 4, 10, 10, 0)), 1));
        Assert.Equal(EndOfBangkokDay(2025, 4, 17), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 4, 11, 17, 0)), 1));
        Assert.Equal(EndOfBangkokDay(2025, 4, 18), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 4, 11, 17, 0)), 2));
    }

    [Fact]
    public void AcknowledgeBy_AcrossNewYear_SkipsNewYearsEveAndDay()
    {
        // Tue 30 Dec 2025 → Wed 31 Dec and Thu 1 Jan are holidays → Fri 2 Jan 2026.
        Assert.Equal(EndOfBangkokDay(2026, 1, 2), _calendar.AcknowledgeBy(Utc(Bangkok(2025, 12, 30, 11, 0)), 1));
    }

    [Fact]
    public void AcknowledgeBy_NoHolidaysConfigured_OnlyWeekendsAreOff()
    {
        var plain = new WorkingCalendar(new HashSet<DateOnly>());
        Assert.Equal(EndOfBangkokDay(2025, 4, 14), plain.AcknowledgeBy(Utc(Bangkok(2025, 4, 11, 17, 0)), 1));
    }

    [Fact]
    public void AnswerBy_FifteenWorkingDays_SkipsWeekendsAndSongkran() =>
        // from Thursday 10 April 2025: weekends, Songkran (14–16 April) and Coronation Day (5 May) are not counted
        Assert.Equal(EndOfBangkokDay(2025, 5, 7), _calendar.AnswerBy(Utc(Bangkok(2025, 4, 10, 10, 0)), 15));

    [Fact]
    public void AnswerBy_FiveWorkingDays_FiledOnThursday_NeverEndsOnAWeekend()
    {
        // The case: 7 calendar days could end on a Sunday; working days never do.
        var plain = new WorkingCalendar(new HashSet<DateOnly>());
        var due = plain.AnswerBy(Utc(Bangkok(2025, 6, 6, 10, 0)), 5);   // Friday
        Assert.Equal(EndOfBangkokDay(2025, 6, 13), due);                 // Mon..Fri of the next week
        for (var day = new DateTime(2025, 6, 1, 3, 0, 0, DateTimeKind.Utc); day < new DateTime(2025, 7, 1, 3, 0, 0, DateTimeKind.Utc); day = day.AddHours(7))
        {
            Assert.True(plain.IsWorkingDay(WorkingCalendar.BangkokDate(plain.AnswerBy(day, 5))), $"filed {day:O}");
        }
    }

    [Theory]
    [InlineData(2024, 9, 30, 23, 2567)]
    [InlineData(2024, 10, 1, 0, 2568)]
    [InlineData(2025, 1, 1, 0, 2568)]
    [InlineData(2025, 9, 30, 23, 2568)]
    [InlineData(2025, 10, 1, 0, 2569)]
    public void FiscalYear_BangkokTime_NamedByTheBuddhistYearItEndsIn(int year, int month, int day, int hour, int expected) =>
        Assert.Equal(expected, CaseNumbers.FiscalYear(Utc(Bangkok(year, month, day, hour, 30))));

    [Fact]
    public void FiscalYear_LastEveningOfSeptemberUtcIsOctoberInBangkok_NextYear()
    {
        // 30 Sep 2025 17:30 UTC = 1 Oct 2025 00:30 in Bangkok: FY 2569.
        Assert.Equal(2569, CaseNumbers.FiscalYear(new DateTime(2025, 9, 30, 17, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(Utc(Bangkok(2025, 10, 1, 0, 0)), CaseNumbers.FiscalYearStartUtc(2569));
    }

    [Fact]
    public void Format_ThaiLetterTwoDigitYearFiveDigitSequence() => Assert.Equal("ร68-00042", CaseNumbers.Format(2568, 42));
}
