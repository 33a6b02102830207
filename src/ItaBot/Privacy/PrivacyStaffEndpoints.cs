using System.Globalization;
using System.Security.Claims;
using ItaBot.Agencies;
using ItaBot.Privacy.Pages;
using ItaBot.Shared.Pages;
using ItaBot.Staff;
using ItaBot.Whistleblowing;

namespace ItaBot.Privacy;

/// <summary>
/// /staff/privacy (admins): data-subject requests with their deadlines, each with the person's data and the decision
/// forms; requests made at the office; the purge log; the access audit with filters and a CSV export. Public:
/// /privacy/copy/{token}, a citizen's one-time copy (a button first, so that a link preview cannot spend it).
/// </summary>
internal static class PrivacyStaffEndpoints
{
    public const string Path = "/staff/privacy";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/privacy/copy/{token}", (string token) => CopyPage(token, null));
        app.MapPost("/privacy/copy/{token}", RedeemAsync).DisableAntiforgery();

        var staff = app.MapGroup(Path).RequireAuthorization(StaffPolicies.Admin);
        staff.MapGet("", List);
        staff.MapGet("/new", () => NewForm(null));
        staff.MapPost("/new", CreateAsync);
        staff.MapGet("/requests/{id}", Show);
        staff.MapGet("/requests/{id}/copy", Copy);
        staff.MapPost("/requests/{id}/decide", DecideAsync);
        staff.MapGet("/purges", Purges);
        staff.MapGet("/audit", Audit);
    }

    internal sealed record CopyModel(string Token, string? Error);

    internal sealed record ListModel(IReadOnlyList<PrivacyRequest> Requests, DateTime Now);

    internal sealed record RequestModel(PrivacyRequest Request, CitizenData Data, PageMessage? Message);

    internal sealed record NewModel(string? Error);

    internal sealed record PurgesModel(IReadOnlyList<PurgeEntry> Log, IReadOnlyDictionary<string, int> Periods);

    /// <summary>The audit page's filters as typed (shown again in the form).</summary>
    internal sealed record AuditFilter(string? From, string? To, string? Staff, string? Action, string? Target);

    internal sealed record AuditModel(AuditFilter Filter, IReadOnlyList<AccessRecord> Rows);

    private static IResult CopyPage(string token, string? error) =>
        ReportPage.Page<DataCopyPage, CopyModel>(new(token, error), error is null ? StatusCodes.Status200OK : StatusCodes.Status410Gone);

    private static async Task<IResult> RedeemAsync(HttpContext context, PrivacyRequests requests, string token)
    {
        if (await requests.RedeemCopyLinkAsync(token).ConfigureAwait(false) is not { } data)
        {
            return CopyPage(token, "ลิงก์นี้ใช้ไปแล้วหรือหมดอายุแล้วค่ะ ขอลิงก์ใหม่ได้โดยพิมพ์ \"ขอสำเนาข้อมูล\" ใน LINE");
        }

        ReportPage.SetHeaders(context.Response);
        return Results.File(data.ToZip(), "application/zip", "my-data.zip");
    }

    private static IResult List(PrivacyRequests requests, TimeProvider time, string? status)
    {
        PrivacyRequestStatus? filter = Enum.TryParse<PrivacyRequestStatus>(status, out var s) ? s : null;
        return StaffPage.Page<PrivacyRequestsPage, ListModel>(new(requests.List(filter), time.GetUtcNow().UtcDateTime));
    }

    private static IResult Show(PrivacyRequests requests, string id, string? done) =>
        requests.Find(id) is { } r ? Page(requests, r, done is null ? null : PageMessage.Ok("บันทึกผลการพิจารณาและแจ้งผู้ขอแล้วค่ะ")) : Results.NotFound();

    private static IResult Copy(PrivacyRequests requests, string id) =>
        requests.Find(id) is { } r ? Results.File(requests.Gather(r).ToZip(), "application/zip", $"{r.Number}.zip") : Results.NotFound();

    /// <summary>Who did it, in Thai: the data subject by LINE, or the staff member's account name.</summary>
    public static string ActorName(string actor) => actor == PrivacyRequests.CitizenActor ? "เจ้าของข้อมูล (ทาง LINE)" : actor;

    private static IResult Page(PrivacyRequests requests, PrivacyRequest r, PageMessage? message, int status = StatusCodes.Status200OK) =>
        StaffPage.Page<PrivacyRequestPage, RequestModel>(new(r, requests.Gather(r), message), status);

    private static async Task<IResult> DecideAsync(HttpContext context, IFormCollection form, PrivacyRequests requests, string id)
    {
        var complete = form["decision"] == "complete";
        var reason = PrivacyRequestTexts.RefusalReasons.FirstOrDefault(x => x.Id == form["reason"]).Text;
        var result = await requests.DecideAsync(id, complete, reason, context.User.Id(), context.User.FindFirstValue(ClaimTypes.Name) ?? "staff")
            .ConfigureAwait(false);
        return result.Outcome switch
        {
            PrivacyDecisionOutcome.Decided => Results.Redirect($"{Path}/requests/{id}?done=1"),
            PrivacyDecisionOutcome.NotFound => Results.NotFound(),
            PrivacyDecisionOutcome.BlockedByOpenCase => Page(requests, result.Request!, new PageMessage(
                $"ยังลบไม่ได้ค่ะ: เรื่อง {string.Join(", ", result.OpenCases!)} ยังดำเนินการอยู่ ปฏิเสธพร้อมเหตุผล \"เรื่องที่ยังดำเนินการอยู่\" หรือรอให้เรื่องปิดก่อน"), StatusCodes.Status409Conflict),
            _ => Page(requests, result.Request!, new PageMessage("คำขอนี้พิจารณาไปแล้ว หรือยังไม่ได้เลือกเหตุผลค่ะ"), StatusCodes.Status400BadRequest),
        };
    }

    private static IResult NewForm(string? error) => StaffPage.Page<PrivacyNewRequestPage, NewModel>(new(error));

    private static async Task<IResult> CreateAsync(HttpContext context, IFormCollection form, PrivacyRequests requests)
    {
        if (!Enum.TryParse<PrivacyRequestKind>(form["kind"], out var kind) || string.IsNullOrWhiteSpace(form["name"]) || PhoneNumbers.Normalise(form["phone"]) is null)
        {
            return NewForm("กรุณาเลือกคำขอ กรอกชื่อ และเบอร์โทรให้ถูกต้องค่ะ");
        }

        var request = await requests.CreateAsync(kind, null, form["name"].ToString().Trim(), form["phone"], form["detail"].ToString().Trim() is { Length: > 0 } d ? d : null,
            context.User.FindFirstValue(ClaimTypes.Name) ?? "staff").ConfigureAwait(false);
        return Results.Redirect($"{Path}/requests/{request.Id}");
    }

    private static IResult Purges(PurgeJob job, Microsoft.Extensions.Options.IOptions<PrivacyOptions> options, Microsoft.Extensions.Options.IOptions<Storage.StorageOptions> storage) =>
        StaffPage.Page<PrivacyPurgesPage, PurgesModel>(new(job.ListLog(), PrivacyExtensions.RetentionDays(options.Value, storage.Value)));

    private static IResult Audit(AccessAudit audit, string? from, string? to, string? staff, string? action, string? target, string? format)
    {
        static DateTime? Day(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), WorkingCalendar.Bangkok) : null;
        var rows = audit.List(Day(from), Day(to)?.AddDays(1), staff, action, target);
        if (format == "csv")
        {
            return Results.File(System.Text.Encoding.UTF8.GetBytes(AccessAudit.ToCsv(rows)), "text/csv; charset=utf-8", "access-audit.csv");
        }

        return StaffPage.Page<PrivacyAuditPage, AuditModel>(new(new(from, to, staff, action, target), rows));
    }

    public static string When(DateTime utc) =>
        WorkingCalendar.ToBangkok(utc).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("th-TH"));
}
