using ItaBot.Content;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>At start: the periods privacy.yaml tells citizens must be the ones the purge applies; a warning names each that differs.</summary>
internal sealed partial class RetentionCheck(ContentPackProvider content, IOptions<PrivacyOptions> options, IOptions<StorageOptions> storage, ILogger<RetentionCheck> logger)
    : IHostedService
{
    public IReadOnlyList<string> Mismatches()
    {
        if (content.Current.Privacy is not { } notice)
        {
            return ["privacy.yaml"];
        }

        var applied = PrivacyExtensions.RetentionDays(options.Value, storage.Value);
        return [.. notice.Retention.Where(r => applied.TryGetValue(r.Kind, out var days) && days != r.Days).Select(r => r.Kind)];
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in Mismatches())
        {
            LogMismatch(logger, kind);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "content/privacy.yaml states a retention period for {Kind} that differs from the ItaBot:Privacy:Retention / ItaBot:Storage:RetentionDays setting; /privacy shows the setting")]
    private static partial void LogMismatch(ILogger logger, string kind);
}
