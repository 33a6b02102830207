using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Privacy.LiteDb;
using ItaBot.Privacy.PostgreSql;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

internal static class PrivacyExtensions
{
    /// <summary>The privacy notice (/privacy, the sentence at first contact and before an intake collects personal data).</summary>
    public static void AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>()
            .Bind(builder.Configuration.GetSection(PrivacyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddPrivacyPostgreSql();
        }
        else
        {
            builder.Services.AddPrivacyLiteDb();
        }

        builder.Services.AddSingleton<PrivacyLink>();
        builder.Services.AddSingleton<PrivacyRequests>();
        builder.Services.AddSingleton<AccessAudit>();
        builder.Services.AddSingleton<PurgeJob>();
        builder.Services.AddHostedService<PurgeJobStartup>();
        builder.Services.AddHostedService<RetentionCheck>();
        builder.Services.AddSingleton<Cli.ICliCommand, RopaCommand>();
        builder.Services.AddSingleton(new Staff.StaffLink("ข้อมูลส่วนบุคคล (PDPA)", PrivacyStaffEndpoints.Path, Staff.StaffPolicies.Admin,
            "คำขอของเจ้าของข้อมูล ประวัติการลบ และบันทึกการเข้าดูข้อมูล"));
        builder.Services.AddSingleton<IDialogFeature, PrivacyFeature>();
    }

    /// <summary>/privacy: public, no cookies, no-store.</summary>
    public static void MapPrivacy(this WebApplication app)
    {
        // After authentication, around every endpoint: staff reads of personal data are recorded (Privacy/AccessAudit.cs).
        var audit = app.Services.GetRequiredService<AccessAudit>();
        app.Use((context, next) => audit.InvokeAsync(context, next));
        PrivacyStaffEndpoints.Map(app);
        app.MapGet(PrivacyLink.Path, (ContentPackProvider content, IOptions<StorageOptions> storage, IOptions<PrivacyOptions> options) =>
            PrivacyPage.Render(content.Current, RetentionDays(options.Value, storage.Value)));
    }

    /// <summary>The periods the service really applies, by the kinds privacy.yaml names.</summary>
    public static IReadOnlyDictionary<string, int> RetentionDays(PrivacyOptions options, StorageOptions storage)
    {
        var r = options.Retention;
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["conversations"] = storage.RetentionDays,
            ["cases"] = r.CaseDays,
            ["photos"] = r.PhotoDays,
            ["qa_log"] = r.QaLogDays,
            ["handovers"] = r.HandoverDays,
            ["notifications"] = r.NotificationDays,
            ["staff_audit"] = r.StaffAuditDays,
            ["privacy_requests"] = r.PrivacyRequestDays,
        };
    }
}

/// <summary>The notice before the first turn of a conversation: first among the interruptions, so it comes before any answer.</summary>
internal sealed class PrivacyFeature(PrivacyLink link, ContentPackProvider content, PrivacyRequests requests, TurnWrites writes, IOptions<PrivacyOptions> options,
    IOptions<StorageOptions> storage) : IDialogFeature
{
    public void Register(DialogManager manager)
    {
        if (options.Value.NoticeAtFirstContact)
        {
            manager.Interruptions.Insert(0, new FirstContactNotice(link, content));
        }

        manager.Dialogs.Add(new PrivacyRequestDialog(requests, link, writes, options, storage));
        // The rights of PDPA sections 30–36 as commands that work at any moment, mid-flow too (typed, or tapped as a choice).
        foreach (var (words, kind) in (ReadOnlySpan<(IReadOnlyList<string>, string)>)[
            (PrivacyRequestDialog.AccessWords, "access"), (PrivacyRequestDialog.EraseWords, "erasure"),
            (PrivacyRequestDialog.RectifyWords, "rectification"), (PrivacyRequestDialog.MenuWords, "menu")])
        {
            manager.Interruptions.Add(CommandInterruption.StartDialog(PrivacyRequestDialog.DialogId, words, words, kind));
        }
    }
}
