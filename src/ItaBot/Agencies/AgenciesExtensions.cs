using System.Text.RegularExpressions;
using ItaBot.Line.Client;
using ItaBot.Storage;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Agencies;

internal static partial class AgenciesExtensions
{
    /// <summary>
    /// The agencies this deployment serves (<c>ItaBot:Agencies:&lt;id&gt;:…</c>, plus "default" from the single-agency
    /// settings), checked at start: several agencies need PostgreSQL, each its own LINE channel and vault key. Each
    /// agency's vault settings are the named <see cref="VaultOptions"/> of its id (the global ones with its own keys).
    /// </summary>
    public static void AddAgencies(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AgencyOptions.Section);
        builder.Services.AddOptions<AgenciesOptions>()
            .Configure(o => section.Bind(o.Agencies))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgenciesOptions>, AgenciesValidator>();
        builder.Services.AddSingleton<AgencyDirectory>();
        builder.Services.AddSingleton<IAgencyIds>(sp => sp.GetRequiredService<AgencyDirectory>());
        builder.Services.AddSingleton<ILineChannelToken, AgencyLineToken>();
        foreach (var agency in section.GetChildren().Where(a => !string.Equals(a.Key, AgencyContext.DefaultId, StringComparison.Ordinal)))
        {
            var vault = agency.GetSection("Vault");
            builder.Services.AddOptions<VaultOptions>(agency.Key).Configure<IConfiguration>((options, configuration) =>
            {
                configuration.GetSection(VaultOptions.Section).Bind(options);
                options.Kek = vault[nameof(VaultOptions.Kek)];
                options.KekFile = vault[nameof(VaultOptions.KekFile)];
                options.PreviousKek = vault[nameof(VaultOptions.PreviousKek)];
                options.PreviousKekFile = vault[nameof(VaultOptions.PreviousKekFile)];
            });
        }
    }

    /// <summary>An agency id: lower-case letters, digits and dashes (it is a URL segment and a database key).</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();
}

/// <summary>One line per problem, naming the setting.</summary>
internal sealed class AgenciesValidator(IConfiguration configuration) : IValidateOptions<AgenciesOptions>
{
    public ValidateOptionsResult Validate(string? name, AgenciesOptions options)
    {
        var others = options.Agencies.Where(a => !string.Equals(a.Key, AgencyContext.DefaultId, StringComparison.Ordinal)).ToList();
        if (others.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        if (!StorageOptions.IsPostgreSql(configuration))
        {
            return ValidateOptionsResult.Fail(
                $"{AgencyOptions.Section} names {others.Count + 1} agencies with the default one, but LiteDB serves one agency: set ItaBot:Storage:Provider=PostgreSql.");
        }

        var failures = new List<string>();
        if (options.Agencies.TryGetValue(AgencyContext.DefaultId, out var defaultAgency)
            && (defaultAgency.Line.ChannelSecret is not null || defaultAgency.Line.ChannelAccessToken is not null || defaultAgency.Vault.Kek is not null
                || defaultAgency.Vault.KekFile is not null || defaultAgency.Content.Directory is not null))
        {
            failures.Add($"{AgencyOptions.Section}:default takes only Name: the default agency's channel, content and vault are ItaBot:Line, ItaBot:Content and ItaBot:Vault.");
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration["ItaBot:Line:ChannelSecret"] is { Length: > 0 } defaultSecret)
        {
            secrets[defaultSecret] = AgencyContext.DefaultId;
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration["ItaBot:Vault:Kek"] is { Length: > 0 } defaultKek)
        {
            keys[defaultKek] = AgencyContext.DefaultId;
        }

        foreach (var (id, agency) in others)
        {
            var at = $"{AgencyOptions.Section}:{id}";
            if (!AgenciesExtensions.IdPattern().IsMatch(id))
            {
                failures.Add($"{at}: an agency id is 1-40 lower-case letters, digits or dashes.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(agency.Line.ChannelSecret) || string.IsNullOrWhiteSpace(agency.Line.ChannelAccessToken))
            {
                failures.Add($"{at}:Line:ChannelSecret and :Line:ChannelAccessToken are both needed (the agency's own LINE channel).");
            }
            else if (!secrets.TryAdd(agency.Line.ChannelSecret, id))
            {
                // Two agencies on one secret would each accept the other's webhooks.
                failures.Add($"{at}:Line:ChannelSecret is also the channel secret of agency {secrets[agency.Line.ChannelSecret]}.");
            }

            if (string.IsNullOrWhiteSpace(agency.Vault.Kek) && string.IsNullOrWhiteSpace(agency.Vault.KekFile))
            {
                failures.Add($"{at}:Vault:Kek or :Vault:KekFile is needed (each agency's protected data under its own key).");
            }
            else if (agency.Vault.Kek is { Length: > 0 } kek && !keys.TryAdd(kek, id))
            {
                failures.Add($"{at}:Vault:Kek is also the key of agency {keys[kek]}: each agency needs its own.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
