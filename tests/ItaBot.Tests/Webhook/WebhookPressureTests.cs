using ItaBot.Webhook;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Webhook;

public sealed class WebhookPressureTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void NoRequestInFlight_WaitCompletesAtOnce()
    {
        var pressure = new WebhookPressure();

        var wait = pressure.WaitForQuietAsync(TimeSpan.FromSeconds(1), _time, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RequestsInFlight_WaitLastsUntilTheLastOneLeaves()
    {
        var pressure = new WebhookPressure();
        pressure.Enter();
        pressure.Enter();

        var wait = pressure.WaitForQuietAsync(TimeSpan.FromSeconds(1), _time, TestContext.Current.CancellationToken);
        pressure.Exit();
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, pressure.InFlight);

        pressure.Exit();
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, pressure.InFlight);
    }

    [Fact]
    public async Task RequestsNeverStop_WaitEndsAtTheLimit()
    {
        var pressure = new WebhookPressure();
        pressure.Enter();

        var wait = pressure.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), _time, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(wait.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(1, pressure.InFlight);
    }
}
