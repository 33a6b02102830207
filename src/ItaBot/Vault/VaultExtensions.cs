using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Vault;

internal static class VaultExtensions
{
    /// <summary>
    /// The whistleblower vault (src/ItaBot.Vault) as a singleton, from <c>ItaBot:Vault:*</c>; its data directory defaults
    /// to <c>ItaBot:Storage:DataDirectory</c>, its deadlines to the cases' working-day calendar (acknowledge within 1
    /// working day, answer within 15 days). Built on first use, so the service starts without a key until the protected
    /// channel is used; then a missing or misplaced key fails with one clear line. A daily Hangfire job deletes expired reports.
    /// </summary>
    public static void AddVault(this IHostApplicationBuilder builder)
    {
        var dataDirectoryGiven = builder.Configuration[$"{VaultOptions.Section}:{nameof(VaultOptions.DataDirectory)}"] is not null;
        builder.Services.AddOptions<VaultOptions>()
            .Bind(builder.Configuration.GetSection(VaultOptions.Section))
            .PostConfigure<IOptions<StorageOptions>, WorkingCalendar>((options, storage, calendar) =>
            {
                if (!dataDirectoryGiven)
                {
                    options.DataDirectory = storage.Value.DataDirectory;
                }

                options.Deadlines ??= created => new ReportDeadlines(
                    new DateTimeOffset(calendar.AcknowledgeBy(created.UtcDateTime, 1), TimeSpan.Zero),
                    new DateTimeOffset(calendar.AnswerBy(created.UtcDateTime, 15), TimeSpan.Zero));
            });
        builder.Services.AddSingleton(sp => new ProtectedReports(
            sp.GetRequiredService<IOptions<VaultOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProtectedReports>>()));
        builder.Services.AddTransient<VaultRetentionJob>();
        builder.Services.AddHostedService<VaultStartup>();
        builder.Services.AddSingleton<ICliCommand, VaultVerifyCommand>();
        builder.Services.AddSingleton<ICliCommand, VaultRotateKeyCommand>();
    }
}
