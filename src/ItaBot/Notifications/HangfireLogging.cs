using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ItaBot.Notifications;

/// <summary>
/// Hangfire keeps one process-wide log provider, set by every host that configures it. Once a host is disposed its
/// logger factory refuses new loggers, which would stop another host in the same process (tests run many) from
/// starting Hangfire components; this one answers with a silent logger instead.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
