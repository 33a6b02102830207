using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>Small helpers the contract suites share.</summary>
internal static class Contract
{
    /// <summary>A minute after <paramref name="clock"/>'s now, cut to whole milliseconds: a start every test can move forward from.</summary>
    public static DateTime Start(FakeTimeProvider clock)
    {
        var at = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        return new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}

/// <summary>A store contract whose host runs on a clock the test moves (time-ordered queries, "as of" reads).</summary>
public abstract class ClockedStoreContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    /// <summary>The host's clock: starts at the real now and moves only when the test moves it (never back).</summary>
    protected FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}
