using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Staff;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

internal static class WhistleblowingExtensions
{
    public const string IntegrityPolicy = "Integrity";

    /// <summary>The protected channel's reporter side in LINE: "whistleblow" (menu แจ้งเบาะแสการทุจริต) and "ติดตามเบาะแส".</summary>
    public static void AddWhistleblowing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhistleblowingOptions>()
            .Bind(builder.Configuration.GetSection(WhistleblowingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<WhistleSessions>();
        builder.Services.AddSingleton<Notifications.ISealedRecipients, VaultNotifierAddresses>();
        builder.Services.AddSingleton<ReporterNoticeSender>();
        builder.Services.AddSingleton<PendingReceiptRelease>();
        builder.Services.AddTransient<RetentionWarningJob>();
        builder.Services.AddHostedService<ProtectedNoticesStartup>();
        builder.Services.AddSingleton<IProtectedEvidence, ProtectedEvidence>();
        builder.Services.AddSingleton<IDialogFeature, WhistleblowingFeature>();
        // The staff home page shows the link to integrity officers only; the pages themselves answer 404 to anyone else.
        builder.Services.AddAuthorizationBuilder().AddPolicy(IntegrityPolicy, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme)
            .RequireRole(nameof(StaffRole.IntegrityOfficer)));
        builder.Services.AddSingleton(new StaffLink("เบาะแสการทุจริต", IntegrityEndpoints.Path, IntegrityPolicy, "เบาะแสที่แจ้งทาง LINE และเว็บไซต์ (เข้ารหัส บันทึกทุกการเปิดอ่าน)"));
    }
}

internal static class WhistleblowingEndpoints
{
    /// <summary>/report, /report/follow-up, /report/manual (public, no cookies); /staff/integrity (integrity officers only, 404 for anyone else).</summary>
    public static void MapWhistleblowing(this IEndpointRouteBuilder app)
    {
        ReportEndpoints.Map(app);
        IntegrityEndpoints.Map(app);
    }
}

internal sealed class WhistleblowingFeature(IServiceProvider services, WhistleSessions sessions, IProtectedEvidence evidence, TurnWrites writes) : IDialogFeature
{
    public void Register(DialogManager manager)
    {
        // The vault of the turn's agency, chosen at every call (each opens on first use: it needs its key then, not at start).
        var vault = services.GetRequiredService<AgencyVaults>();
        manager.Dialogs.Add(new WhistleblowDialog(vault, sessions, evidence, writes, services.GetService<Notifications.ProtectedReportNotifications>(),
            services.GetService<PendingReceiptRelease>()));
        manager.Dialogs.Add(new WhistleFollowUpDialog(vault, sessions, evidence, writes));
        manager.Interruptions.Add(CommandInterruption.StartDialog(WhistleFollowUpDialog.DialogId, WhistleFollowUpDialog.Words, [WhistleFollowUpDialog.StartData]));
    }
}
