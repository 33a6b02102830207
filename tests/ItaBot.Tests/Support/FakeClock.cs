using System.Globalization;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Support;

/// <summary>Moves a service's <see cref="FakeTimeProvider"/> through a time window instead of waiting it out in real time.</summary>
internal static class FakeClock
{
    /// <summary>A clock at the real time now, so LINE event timestamps written by the tests are young by it.</summary>
    public static FakeTimeProvider StartingNow() => new(TimeProvider.System.GetUtcNow());

    /// <summary>
    /// Moves the clock forward by <paramref name="step"/> until <paramref name="condition"/> holds, at most by
    /// <paramref name="limit"/>. Between steps the service gets a moment of real time to act on the timers a step fired
    /// (a timed-out request, a retry after its backoff); how far ahead of the service the clock gets does not matter to a
    /// condition that names the state reached.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> condition, TimeSpan step, TimeSpan limit, string what)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            if (moved >= limit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Not true after moving the clock {limit.TotalSeconds} s: {what}."));
            }

            clock.Advance(step);
            moved += step;
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// LINE client timeouts long on a fake clock and free in real time, added to a service host's <paramref name="settings"/>:
    /// a send after an outage then has many steps of the clock to land before its attempt times out.
    /// </summary>
    public static Dictionary<string, string?> WithLongLineTimeouts(Dictionary<string, string?> settings)
    {
        settings["ItaBot:Line:Timeout"] = "00:00:05";
        settings["ItaBot:Line:TotalTimeout"] = "00:00:10";
        return settings;
    }

    /// <summary>
    /// Ends <paramref name="line"/>'s outage: the calls LINE was holding are answered first on a still clock (no timeout can
    /// cut one short as it lands), then the clock moves what waits on a backoff until <paramref name="done"/>. The limit,
    /// 10 minutes of the clock, also bounds real time (20 ms a step, up to 120 s): 2 minutes (24 s) once ran out in a
    /// whole-suite run on the 2-core machine (session 16), as 5 minutes had for the outage's first failures; a send that
    /// never lands still fails the test, only later.
    /// </summary>
    public static async Task EndOutageAsync(this FakeTimeProvider clock, LineStandIn line, Func<bool> done, string what)
    {
        line.EndOutage();
        await Wait.UntilAsync(() => line.CallsOnHold == 0, what: "the calls held by the outage answered");
        await clock.AdvanceUntilAsync(done, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), what);
    }
}
