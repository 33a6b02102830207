using ItaBot.Cli;
using ItaBot.Content;
using ItaBot.LineChannel;
using Microsoft.Extensions.Options;

namespace ItaBot.Staff;

/// <summary>
/// At start: the departments are seeded from the content pack's units the first time; in simulator mode with no staff
/// accounts yet, a demo admin and a demo officer are created and their passwords logged, so that a newcomer can open
/// /staff at once (the demo admin still enrols TOTP at first sign-in, as every admin must).
/// </summary>
internal sealed partial class StaffStartup(
    StaffAccounts accounts,
    ContentPackProvider content,
    IOptions<StaffOptions> options,
    ILogger<StaffStartup> logger,
    SimulatedLine? simulator = null) : IHostedService
{
    public const string DemoAdmin = "admin";
    public const string DemoOfficer = "officer";
    public const string DemoIntegrityOfficer = "integrity";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SeedDepartmentsAsync().ConfigureAwait(false);
        if (simulator is null || !options.Value.DemoAccounts || accounts.Store.Any())
        {
            return;
        }

        var department = accounts.Store.FindDepartment("engineering")?.Id ?? (accounts.Store.ListDepartments() is [var first, ..] ? first.Id : null);
        var admin = await accounts.CreateDemoAsync(DemoAdmin, "ผู้ดูแลระบบ (ทดลอง)", StaffRole.Admin, null).ConfigureAwait(false);
        var officer = await accounts.CreateDemoAsync(DemoOfficer, "เจ้าหน้าที่ทดลอง", StaffRole.CaseOfficer, department).ConfigureAwait(false);
        var integrity = await accounts.CreateDemoAsync(DemoIntegrityOfficer, "เจ้าหน้าที่ศูนย์ต่อต้านการทุจริต (ทดลอง)", StaffRole.IntegrityOfficer, null).ConfigureAwait(false);
        if (admin is not null && officer is not null && integrity is not null)
        {
            // Simulator mode only, and on purpose: demo passwords of a local demo, so that /staff opens at once.
            LogDemoAccounts(logger, DemoAdmin, admin, DemoOfficer, officer, DemoIntegrityOfficer, integrity);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SeedDepartmentsAsync()
    {
        var added = await accounts.Store.SeedDepartmentsAsync([.. content.Current.Units.Select(Department.From)]).ConfigureAwait(false);
        if (added > 0)
        {
            LogSeeded(logger, added);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} departments seeded from the content pack's structure.yaml")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator mode: demo staff accounts for /staff/signin — {AdminUser} / {AdminPassword} (admin: set up TOTP at first sign-in), {OfficerUser} / {OfficerPassword} (case officer), {IntegrityUser} / {IntegrityPassword} (integrity officer for protected reports: set up TOTP at first sign-in)")]
    private static partial void LogDemoAccounts(ILogger logger, string adminUser, string adminPassword, string officerUser, string officerPassword, string integrityUser, string integrityPassword);
}

/// <summary>
/// <c>dotnet run --project src/ItaBot -- staff add --user NAME --name "ชื่อ" --role Admin [--department ID] [--head]</c>:
/// creates an account and prints a one-time password that must be changed at first sign-in.
/// </summary>
internal sealed class StaffAddCommand(IServiceProvider services) : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["staff", "add"];

    public string Description => "Creates a staff account (--user, --name, --role Admin|CaseOfficer|Reporter|IntegrityOfficer, optional --department ID, --head); prints a one-time password.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        // Resolved here, not in the constructor: listing the commands (e.g. for "backup", which runs beside the service) must not open the store.
        var accounts = services.GetRequiredService<StaffAccounts>();
        var startup = services.GetRequiredService<StaffStartup>();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var head = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--head")
            {
                head = true;
            }
            else if (arguments[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < arguments.Count)
            {
                values[arguments[i][2..]] = arguments[++i];
            }
            else
            {
                await output.WriteLineAsync($"staff add: unexpected argument '{arguments[i]}'").ConfigureAwait(false);
                return 2;
            }
        }

        var user = StaffRules.NormalizeUserName(values.GetValueOrDefault("user") ?? string.Empty);
        var name = values.GetValueOrDefault("name")?.Trim() ?? string.Empty;
        if (!StaffRules.IsValidUserName(user) || name.Length == 0
            || !Enum.TryParse<StaffRole>(values.GetValueOrDefault("role")?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var role) || !Enum.IsDefined(role)
            || int.TryParse(values.GetValueOrDefault("role"), out _))
        {
            await output.WriteLineAsync("usage: staff add --user NAME (3-32 of a-z 0-9 . _ -) --name \"ชื่อ\" --role Admin|CaseOfficer|Reporter|IntegrityOfficer|platform-admin [--department ID] [--head] [--agency ID]").ConfigureAwait(false);
            return 2;
        }

        await startup.SeedDepartmentsAsync().ConfigureAwait(false);
        var department = values.GetValueOrDefault("department");
        if (department is not null && accounts.Store.FindDepartment(department) is null)
        {
            var known = string.Join(", ", accounts.Store.ListDepartments().Select(d => d.Id));
            await output.WriteLineAsync($"staff add: no department '{department}' (known: {known})").ConfigureAwait(false);
            return 1;
        }

        if (role == StaffRole.CaseOfficer && department is null)
        {
            await output.WriteLineAsync("staff add: a CaseOfficer needs --department").ConfigureAwait(false);
            return 2;
        }

        var (result, issued) = await accounts.CreateAsync(user, name, role, department, head).ConfigureAwait(false);
        if (result != StaffChange.Done)
        {
            await output.WriteLineAsync($"staff add: user name '{user}' is taken").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Created {user} ({role}). One-time password (must be changed at first sign-in): {issued!.OneTimePassword}").ConfigureAwait(false);
        if (issued.Account.TotpRequired)
        {
            await output.WriteLineAsync("This role must set up TOTP at first sign-in.").ConfigureAwait(false);
        }

        return 0;
    }
}
