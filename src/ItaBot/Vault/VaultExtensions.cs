using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Storage;
using ItaBot.Vault.PostgreSql;
using Microsoft.Extensions.Options;

namespace ItaBot.Vault;

internal static class VaultExtensions
{
    /// <summary>
    /// The whistleblower vaults (src/ItaBot.Vault), one per agency (<see cref="AgencyVaults"/>), from <c>ItaBot:Vault:*</c> and each
    /// agency's own key; on PostgreSQL when the service is (the agency's rows, shared by every node), otherwise vault.db, whose data directory defaults
    /// to <c>ItaBot:Storage:DataDirectory</c>, its deadlines to the cases' working-day calendar (acknowledge within 1
    /// working day, answer within 15 days). Opened on first use, but its key is checked at start: a missing, malformed or
    /// misplaced key stops the start with one clear line. A daily Hangfire job deletes expired reports.
    /// </summary>
    public static void AddVault(this IHostApplicationBuilder builder)
    {
        var dataDirectoryGiven = builder.Configuration[$"{VaultOptions.Section}:{nameof(VaultOptions.DataDirectory)}"] is not null;
        builder.Services.AddOptions<VaultOptions>().Bind(builder.Configuration.GetSection(VaultOptions.Section));
        // Every agency's vault settings (the default's and the named ones of ItaBot:Agencies:<id>) get the same defaults.
        builder.Services.AddSingleton<IPostConfigureOptions<VaultOptions>>(sp => new PostConfigureOptions<VaultOptions, IOptions<StorageOptions>, WorkingCalendar>(
            null, sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<WorkingCalendar>(), (options, storage, calendar) =>
            {
                if (!dataDirectoryGiven)
                {
                    options.DataDirectory = storage.Value.DataDirectory;
                }

                options.Deadlines ??= created => new ReportDeadlines(
                    new DateTimeOffset(calendar.AcknowledgeBy(created.UtcDateTime, 1), TimeSpan.Zero),
                    new DateTimeOffset(calendar.AnswerBy(created.UtcDateTime, 15), TimeSpan.Zero));
            }));
        // A LINE deployment without a key would show the whistleblower form and lose every report at submit (simulator
        // mode always has one): the start stops with one line naming ItaBot:Vault:Kek instead. A check of its own, not a
        // validator of VaultOptions, so that maintenance commands run without the server still say it their own way.
        builder.Services.AddOptions<VaultKeyCheck>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VaultKeyCheck>, VaultKeyValidator>();
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            // Shared by every node: several nodes serve the protected channel (README "Several nodes").
            builder.Services.AddVaultPostgreSql();
        }
        else
        {
            builder.Services.AddSingleton<IVaultOpener, VaultFileOpener>();
        }

        // A vault per agency, chosen by the agency in context at every call (README "Many agencies").
        builder.Services.AddSingleton<AgencyVaults>();
        builder.Services.AddTransient<VaultRetentionJob>();
        builder.Services.AddHostedService<VaultStartup>();
        builder.Services.AddSingleton<ICliCommand, VaultVerifyCommand>();
        builder.Services.AddSingleton<ICliCommand, VaultRotateKeyCommand>();
    }
}

/// <summary>Nothing to bind: the start-up check that the vault's key is there (<see cref="VaultKeyValidator"/>).</summary>
internal sealed class VaultKeyCheck;

internal sealed class VaultKeyValidator(IOptions<VaultOptions> vault) : IValidateOptions<VaultKeyCheck>
{
    public ValidateOptionsResult Validate(string? name, VaultKeyCheck options)
    {
        try
        {
            vault.Value.ValidateKey();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
