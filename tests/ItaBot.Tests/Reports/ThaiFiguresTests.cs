using ItaBot.Reports.Docx;

namespace ItaBot.Tests.Reports;

public sealed class ThaiFiguresTests
{
    [Theory]
    [InlineData(0.5, "30 นาที")]
    [InlineData(0.999, "1 ชั่วโมง")]
    [InlineData(1, "1 ชั่วโมง")]
    [InlineData(5.5, "5 ชั่วโมง 30 นาที")]
    [InlineData(23.99, "23 ชั่วโมง 59 นาที")]
    [InlineData(23.9999, "1 วัน")]
    [InlineData(24, "1 วัน")]
    [InlineData(96, "4 วัน")]
    [InlineData(260.5, "10 วัน 21 ชั่วโมง")]
    [InlineData(49.2, "2 วัน 1 ชั่วโมง")]
    public void Duration_IsWrittenAsClerksWriteIt(double hours, string expected) => Assert.Equal(expected, ThaiFigures.Duration(hours));

    [Fact]
    public void Duration_Unknown_IsADash() => Assert.Equal("–", ThaiFigures.Duration(null));

    [Theory]
    [InlineData(0, 0, "–")]
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    [InlineData(5, 5, "100.0")]
    public void Percent_HasOneDecimalAndADashForNothing(int part, int whole, string expected) => Assert.Equal(expected, ThaiFigures.Percent(part, whole));

    [Fact]
    public void Count_HasThousandsSeparators() => Assert.Equal("1,234,567", ThaiFigures.Count(1234567));
}
