using System.Text.Json.Nodes;
using ItaBot.Flex;
using ItaBot.Line.Messages;
using ItaBot.Notifications;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports;

/// <summary>
/// On the 1st of each month at 09:00 Bangkok: compiles the previous month (stored, by "schedule") and puts one Flex
/// bubble for the staff LINE group into the notification outbox (<c>flex-templates/report-summary.json</c>): new
/// complaints, completed, in progress, the number of corruption reports (a count only), cases overdue now, average time
/// to close, satisfaction, and a link to the snapshot's staff page. The notification id names the month, so a catch-up
/// run after a restart or a second run never sends a second summary. Nothing happens without a staff group.
/// </summary>
internal sealed partial class MonthlySummary(
    IServiceProvider services,
    Cases.ICaseStore cases,
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    FlexTemplates templates,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<MonthlySummary> logger,
    Agencies.AgencyDirectory? agencies = null)
{
    public const string Template = FlexTemplates.ReportSummary;
    public const string Kind = "report-summary";
    public const string JobId = "monthly-report-summary";
    public const string Cron = "0 9 1 * *";
    public static readonly TimeOnly At = new(9, 0);

    /// <summary>Hangfire's in-memory schedule starts afresh with the process: a restart on the 1st after 09:00 sends the missed summary.</summary>
    public static readonly TimeOnly CatchUpUntil = new(17, 0);

    public static string NotificationId(ReportPeriod month) => $"{Kind}:{month.Slug}:group";

    /// <summary>The month before the Bangkok day of <paramref name="utcNow"/>.</summary>
    public static ReportPeriod PreviousMonth(DateTime utcNow)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, WorkingCalendar.Bangkok));
        var last = today.AddMonths(-1);
        return ReportPeriod.ForMonth(last.Year + ReportPeriod.BuddhistEraOffset, last.Month);
    }

    /// <summary>Compiles last month and queues the summary, for every agency to its own staff group; the number of notifications added.</summary>
    public Task<int> RunAsync() => agencies is null ? SummarizeAsync() : agencies.EachAgencyAsync(SummarizeAsync);

    private async Task<int> SummarizeAsync()
    {
        var group = agencies is null ? options.Value.StaffGroupId : agencies.StaffGroupOr(options.Value.StaffGroupId);
        if (string.IsNullOrWhiteSpace(group))
        {
            LogNoGroup(logger);
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var month = PreviousMonth(now);
        var id = NotificationId(month);
        if (notifications.Find(id) is not null)
        {
            return 0;
        }

        if (services.GetService<IReportCompiler>() is not { } compiler)
        {
            LogNoCompiler(logger);
            return 0;
        }

        var snapshot = await compiler.CompileAsync(month, "schedule").ConfigureAwait(false);
        var overdue = CountOverdue(now);
        var message = Message(snapshot, overdue, SnapshotLink(options.Value, snapshot.Id));
        var added = await notifications.AddAsync(
        [
            new Notification
            {
                Id = id,
                Kind = Kind,
                To = group,
                MessagesJson = NotificationTexts.Json(message),
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ]).ConfigureAwait(false);
        dispatcher.EnqueueCommitted(added);
        LogSummary(logger, month.Slug, added.Count);
        return added.Count;
    }

    /// <summary>At start: runs the summary when this 1st's 09:00 passed (until 17:00); the id keeps it to one a month.</summary>
    public Task<int> CatchUpAsync()
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, WorkingCalendar.Bangkok);
        var clock = TimeOnly.FromDateTime(local);
        return local.Day == 1 && clock >= At && clock < CatchUpUntil ? RunAsync() : Task.FromResult(0);
    }

    /// <summary>The Flex bubble, or the same figures as text if the agency's template cannot draw them.</summary>
    internal Message Message(ReportSnapshot snapshot, int overdue, string? link)
    {
        var alt = AltText(snapshot, overdue);
        try
        {
            return new FlexMessage(alt, templates.Render(Template, Model(snapshot, overdue, link), alt));
        }
        catch (FlexTemplateException ex)
        {
            LogTemplateRefused(logger, ex.File, ex.JsonPath);
            return new TextMessage(link is null ? alt : alt + "\n" + link);
        }
    }

    /// <summary>The template's data (<c>summary.*</c>), every value worded for a Thai reader.</summary>
    public static JsonObject Model(ReportSnapshot s, int overdue, string? link)
    {
        var c = s.Complaints;
        JsonNode Row(string label, string value) => new JsonObject { ["label"] = label, ["value"] = value };
        return new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["agency"] = s.AgencyName,
                ["period"] = s.Period.ThaiTitle,
                ["complaints"] = new JsonArray(
                    Row("เรื่องใหม่", ReportTexts.Count(c.Total)),
                    Row("ดำเนินการแล้วเสร็จ", ReportTexts.Count(c.Completed)),
                    Row("อยู่ระหว่างดำเนินการ", ReportTexts.Count(c.InProgress)),
                    Row("ค้างเกินกำหนด (ขณะนี้)", ReportTexts.Count(overdue)),
                    Row("เวลาเฉลี่ยในการปิดเรื่อง", ReportTexts.Duration(c.ToClose.AverageHours)),
                    Row("ความพึงพอใจเฉลี่ย", ReportTexts.Satisfaction(c.Ratings.Average))),
                ["corruption"] = s.Corruption.Total == 0 ? "ไม่มีเรื่องร้องเรียน" : ReportTexts.Count(s.Corruption.Total) + " เรื่อง",
                ["asOf"] = ReportTexts.At(s.AsOf),
                ["hasLink"] = link is not null,
                ["url"] = link ?? "",
            },
        };
    }

    /// <summary>What LINE shows in the chat list and notifications (and the text if the card cannot be drawn).</summary>
    public static string AltText(ReportSnapshot s, int overdue) => string.Join("\n",
        $"สรุปสถิติ{s.Period.ThaiTitle}",
        $"เรื่องร้องเรียนใหม่ {ReportTexts.Count(s.Complaints.Total)} เสร็จ {ReportTexts.Count(s.Complaints.Completed)} กำลังดำเนินการ {ReportTexts.Count(s.Complaints.InProgress)}",
        $"ค้างเกินกำหนดขณะนี้ {ReportTexts.Count(overdue)} เวลาเฉลี่ยปิดเรื่อง {ReportTexts.Duration(s.Complaints.ToClose.AverageHours)} ความพึงพอใจ {ReportTexts.Satisfaction(s.Complaints.Ratings.Average)}",
        $"เบาะแสการทุจริต {ReportTexts.Count(s.Corruption.Total)} เรื่อง");

    /// <summary>
    /// The snapshot's staff page on the host that <see cref="NotificationOptions.StaffCaseUrl"/> names (the same public base
    /// the case notifications link to); none when it is not set.
    /// </summary>
    public static string? SnapshotLink(NotificationOptions options, string snapshotId) =>
        Uri.TryCreate(options.StaffCaseUrl?.Replace("{0}", "x", StringComparison.Ordinal), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url.GetLeftPart(UriPartial.Authority) + ReportPages.Path + "/" + Uri.EscapeDataString(snapshotId)
            : null;

    /// <summary>Open cases past their acknowledge or answer deadline now (as the daily digest counts them).</summary>
    private int CountOverdue(DateTime now) =>
        CaseView.Open(cases).Count(c => (!c.Answered && c.AnswerBy <= now) || (c.AcknowledgedAt is null && c.AcknowledgeBy <= now));

    /// <summary>A model for the start-up check of the template: long names and the widest figures a month can have.</summary>
    public static JsonObject Sample(string agencyName)
    {
        var month = ReportPeriod.ForMonth(2568, 12);
        var many = new DurationFigures(99_999, 9_999.5, 9_999.5, 9_999.5);
        var snapshot = new ReportSnapshot
        {
            Id = "sample-2568-12",
            Period = month,
            AsOf = new DateTime(2026, 1, 1, 2, 0, 0, DateTimeKind.Utc),
            CompiledAt = new DateTime(2026, 1, 1, 2, 0, 0, DateTimeKind.Utc),
            CompiledBy = "schedule",
            AgencyName = agencyName,
            Corruption = new CorruptionFigures(99_999, 0, 99_999, [], [], [], []),
            Complaints = new ComplaintFigures(999_999, 999_999, 999_999, [], [], [], [], [], many, many, new DeadlineFigures(0, 0, 0, 0),
                new RatingFigures(1, 1, 4.99, [0, 0, 0, 0, 1])),
            Services = new ServiceFigures(0, 0, [], new QaFigures(0, 0, 0, 0, 0, 0)),
            Trace = new SnapshotTrace(0, 0, 0, 0, new string('0', 64)),
        };
        return Model(snapshot, 999_999, "https://itabot.example.go.th/staff/reports/" + new string('x', 40));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly report summary for {Period}: {Count} notification added")]
    private static partial void LogSummary(ILogger logger, string period, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly report summary skipped: ItaBot:Notifications:StaffGroupId is not set")]
    private static partial void LogNoGroup(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monthly report summary skipped: no report compiler is registered")]
    private static partial void LogNoCompiler(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report summary template was refused at {File} {JsonPath}; the figures go as text")]
    private static partial void LogTemplateRefused(ILogger logger, string file, string jsonPath);
}

/// <summary>The monthly summary card's sample for the start-up check of its template.</summary>
internal sealed class MonthlySummarySamples : IFlexSamples
{
    public IReadOnlyList<string> Templates { get; } = [MonthlySummary.Template];

    public IEnumerable<(string Template, IEnumerable<(string What, JsonObject Model)> Samples)> Samples(Content.ContentPack pack)
    {
        yield return (MonthlySummary.Template, [("the monthly report summary", MonthlySummary.Sample(pack.Agency.Name))]);
    }
}
