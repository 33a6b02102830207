using System.Net.Http.Headers;
using System.Net;
using ItaBot.Line.Client;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ItaBot.Line.Tests.Client;

public sealed class LineResilienceTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    private static HttpResponseMessage TooMany(RetryConditionHeaderValue? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Fact]
    public void RetryAfter_Seconds_IsTheWait()
    {
        using var response = TooMany(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), LineResilience.RetryAfter(response, TimeProvider.System, Cap));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredFromTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var response = TooMany(new RetryConditionHeaderValue(new DateTimeOffset(2026, 3, 1, 9, 0, 12, TimeSpan.Zero)));

        Assert.Equal(TimeSpan.FromSeconds(12), LineResilience.RetryAfter(response, time, Cap));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, LineResilience.RetryAfter(response, time, Cap));
    }

    [Fact]
    public void RetryAfter_BeyondCap_IsCapped()
    {
        using var response = TooMany(new RetryConditionHeaderValue(TimeSpan.FromHours(1)));

        Assert.Equal(Cap, LineResilience.RetryAfter(response, TimeProvider.System, Cap));
    }

    [Fact]
    public void RetryAfter_AbsentOrUnreadable_LeavesItToBackoff()
    {
        using var none = TooMany(null);
        using var garbage = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        garbage.Headers.TryAddWithoutValidation("Retry-After", "soon-ish");

        Assert.Null(LineResilience.RetryAfter(none, TimeProvider.System, Cap));
        Assert.Null(LineResilience.RetryAfter(garbage, TimeProvider.System, Cap));
        Assert.Null(LineResilience.RetryAfter(null, TimeProvider.System, Cap));
    }

    [Theory]
    [InlineData("https://api.line.me", "https://api.line.me/v2/bot/info")]
    [InlineData("https://api.line.me/", "https://api.line.me/v2/bot/info")]
    [InlineData("http://127.0.0.1:5000/simulator/line", "http://127.0.0.1:5000/simulator/line/v2/bot/info")]
    [InlineData("http://127.0.0.1:5000/simulator/line/", "http://127.0.0.1:5000/simulator/line/v2/bot/info")]
    public void Combine_KeepsAnyBasePath(string baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), LineMessagingClient.Combine(new Uri(baseUrl), "v2/bot/info"));
    }
}
