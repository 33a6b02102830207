using System.Globalization;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Reports.Pages;
using ItaBot.Shared.Pages;
using ItaBot.Staff;

namespace ItaBot.Reports;

/// <summary>
/// /staff/services: the walk-in register (measure 3.3). Any signed-in staff member records, for a Bangkok day, a service
/// of the content pack (or อื่น ๆ), how many people were served and an optional note; the day's lines are listed with who
/// recorded them. A wrong line is corrected by a new line that replaces it; nothing is edited or deleted.
/// </summary>
internal static class ServiceVisitEndpoints
{
    public const string Path = "/staff/services";

    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/staff").RequireAuthorization(StaffPolicies.Staff);
        staff.MapGet("/services", (IServiceVisitStore visits, ContentPackProvider content, TimeProvider time, string? day, string? correct, string? done) =>
        {
            var shown = ParseDay(day) ?? Today(time);
            var message = done == "recorded" ? PageMessage.Ok("บันทึกแล้วค่ะ")
                : done == "corrected" ? PageMessage.Ok("บันทึกการแก้ไขแล้วค่ะ รายการเดิมยังแสดงไว้และไม่นับรวม")
                : null;
            var target = correct is null ? null : visits.Find(correct);
            return Page(visits, content, time, target?.Day ?? shown, message, target, null);
        });
        staff.MapPost("/services", RecordAsync);
    }

    private static async Task<IResult> RecordAsync(HttpContext context, IFormCollection form, IServiceVisitStore visits, ContentPackProvider content, IStaffStore staff, TimeProvider time)
    {
        var today = Today(time);
        var day = ParseDay(form["day"]);
        var serviceId = form["service"].ToString();
        var serviceName = serviceId == ServiceVisits.OtherServiceId ? ServiceVisits.OtherServiceName
            : content.Current.Services.FirstOrDefault(s => s.Id == serviceId)?.Name;
        var peopleOk = int.TryParse(form["people"], NumberStyles.None, CultureInfo.InvariantCulture, out var people);
        var corrects = form["corrects"].ToString() is { Length: > 0 } c ? c : null;
        var note = Descriptions.Clean(form["note"], ServiceVisits.MaxNote);
        var problems = new List<string>();
        if (day is null || day > today)
        {
            problems.Add("เลือกวันที่ (ไม่เกินวันนี้)");
        }

        if (serviceName is null)
        {
            problems.Add("เลือกงานบริการ");
        }

        // A correction may bring a line down to 0 (recorded by mistake); a new line serves at least one person.
        if (!peopleOk || people < (corrects is null ? 1 : 0) || people > ServiceVisits.MaxPeople)
        {
            problems.Add(corrects is null ? "กรอกจำนวนผู้รับบริการ (1–10,000 คน)" : "กรอกจำนวนผู้รับบริการ (0–10,000 คน)");
        }

        var target = corrects is null ? null : visits.Find(corrects);
        if (corrects is not null && target is null)
        {
            problems.Add("เลือกรายการที่จะแก้ไขจากรายการของวัน");
        }

        if (problems.Count > 0)
        {
            return Page(visits, content, time, target?.Day ?? day ?? today, new PageMessage("กรุณา" + string.Join(" ", problems) + "ค่ะ"), target, form,
                StatusCodes.Status400BadRequest);
        }

        var by = staff.Find(context.User.Id())?.UserName ?? context.User.Id();
        var (visit, problem) = await visits.RecordAsync(day!.Value, serviceId, serviceName!, people, note, by, corrects).ConfigureAwait(false);
        if (visit is null)
        {
            var text = problem == ServiceVisitProblem.AlreadyCorrected
                ? "รายการนี้ถูกแก้ไขไปแล้วค่ะ กรุณาแก้ไขจากรายการล่าสุด"
                : "ไม่พบรายการที่จะแก้ไขค่ะ";
            return Page(visits, content, time, target?.Day ?? day!.Value, new PageMessage(text), null, null, StatusCodes.Status409Conflict);
        }

        return Results.Redirect($"{Path}?day={ServiceVisits.DayText(visit.Day)}&done={(corrects is null ? "recorded" : "corrected")}");
    }

    /// <param name="Day">The day shown (and the form's day unless one was typed).</param>
    /// <param name="Typed">What the form shows: what was typed, or the line being corrected.</param>
    /// <param name="Replaced">Ids of the day's lines that a later line corrects (shown struck through, not counted).</param>
    internal sealed record PageModel(DateOnly Day, DateOnly Today, PageMessage? Message, ServiceVisit? Correcting, TypedFields Typed,
        IReadOnlyList<ServiceChoice> Services, IReadOnlyList<ServiceVisit> Lines, IReadOnlySet<string> Replaced, IReadOnlyList<ServiceVisit> Counted);

    internal sealed record TypedFields(string Day, string Service, string People, string Note);

    internal sealed record ServiceChoice(string Id, string Name);

    private static IResult Page(IServiceVisitStore visits, ContentPackProvider content, TimeProvider time, DateOnly day, PageMessage? message,
        ServiceVisit? correcting, IFormCollection? typed, int statusCode = StatusCodes.Status200OK)
    {
        string Typed(string field, string fallback) => typed is not null ? typed[field].ToString() : fallback;
        var lines = visits.Between(day, day);
        var replaced = lines.Where(v => v.Corrects is not null).Select(v => v.Corrects!).ToHashSet(StringComparer.Ordinal);
        var counted = ServiceVisits.Effective(lines, DateTime.MaxValue).ToList();
        var fields = new TypedFields(Typed("day", ServiceVisits.DayText(day)), Typed("service", correcting?.ServiceId ?? string.Empty),
            Typed("people", correcting?.People.ToString(CultureInfo.InvariantCulture) ?? string.Empty), Typed("note", string.Empty));
        List<ServiceChoice> services = [.. content.Current.Services.Select(s => new ServiceChoice(s.Id, s.Name)), new(ServiceVisits.OtherServiceId, ServiceVisits.OtherServiceName)];
        return StaffPage.Page<ServiceVisitsPage, PageModel>(new(day, Today(time), message, correcting, fields, services, lines, replaced, counted), statusCode);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ThaiTime.ToBangkok(time.GetUtcNow().UtcDateTime));

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
