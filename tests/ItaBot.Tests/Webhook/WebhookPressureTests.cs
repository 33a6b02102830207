using ItaBot.Webhook;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Webhook;

public sealed class WebhookPressureTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void NoRequests_WaitCompletesAtOnce()
    {
        var pressure = new WebhookPressure();

        var wait = pressure.WaitWhileFloodedAsync(1_000, TimeSpan.FromSeconds(1), _time, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void RequestsPerSecond_CountsArrivalsOverAWindow_AndKeepsTheFigureUntilTheNextWindowEnds()
    {
        var pressure = new WebhookPressure();
        Assert.Equal(0, pressure.RequestsPerSecond(_time));
        Arrive(pressure, 100);
        _time.Advance(WebhookPressure.Window);

        Assert.Equal(2_000, pressure.RequestsPerSecond(_time), 3);

        // Inside the next window the last figure stands, even with no arrivals yet.
        _time.Advance(WebhookPressure.Window / 2);
        Assert.Equal(2_000, pressure.RequestsPerSecond(_time), 3);
        _time.Advance(WebhookPressure.Window / 2);
        Assert.Equal(0, pressure.RequestsPerSecond(_time));
    }

    [Fact]
    public async Task Flood_WaitLastsUntilArrivalsSlowBelowTheRate()
    {
        var pressure = Flooded();

        var wait = pressure.WaitWhileFloodedAsync(1_000, TimeSpan.FromSeconds(1), _time, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        // Still 2,000 a second through the next window: still waiting.
        Arrive(pressure, 100);
        _time.Advance(WebhookPressure.Window);
        Assert.False(wait.IsCompleted);

        // 10 in a window is 200 a second: the flood has ebbed.
        Arrive(pressure, 10);
        _time.Advance(WebhookPressure.Window);
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FloodNeverEnds_WaitEndsAtTheLimit()
    {
        var pressure = Flooded();

        var wait = pressure.WaitWhileFloodedAsync(1_000, TimeSpan.FromMilliseconds(200), _time, TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            Arrive(pressure, 100);
            _time.Advance(WebhookPressure.Window);
            Assert.False(wait.IsCompleted);
        }

        Arrive(pressure, 100);
        _time.Advance(WebhookPressure.Window);
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(wait.IsCompletedSuccessfully);
    }

    /// <summary>A pressure gauge that has just measured 2,000 requests a second (100 in one window).</summary>
    private WebhookPressure Flooded()
    {
        var pressure = new WebhookPressure();
        pressure.RequestsPerSecond(_time);
        Arrive(pressure, 100);
        _time.Advance(WebhookPressure.Window);
        return pressure;
    }

    private static void Arrive(WebhookPressure pressure, int count)
    {
        for (var i = 0; i < count; i++)
        {
            pressure.Arrived();
        }
    }
}
