using System.Globalization;
using ItaBot.Complaints;
using ItaBot.Content;
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
        staff.MapGet("/services", (HttpContext context, IServiceVisitStore visits, ContentPackProvider content, TimeProvider time, string? day, string? correct, string? done) =>
        {
            var shown = ParseDay(day) ?? Today(time);
            var message = done == "recorded" ? StaffPage.Message("บันทึกแล้วค่ะ", "ok")
                : done == "corrected" ? StaffPage.Message("บันทึกการแก้ไขแล้วค่ะ รายการเดิมยังแสดงไว้และไม่นับรวม", "ok")
                : Html.Empty;
            var target = correct is null ? null : visits.Find(correct);
            return Page(context, visits, content, time, target?.Day ?? shown, message, target, null);
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
            return Page(context, visits, content, time, target?.Day ?? day ?? today, StaffPage.Message("กรุณา" + string.Join(" ", problems) + "ค่ะ"), target, form,
                StatusCodes.Status400BadRequest);
        }

        var by = staff.Find(context.User.Id())?.UserName ?? context.User.Id();
        var (visit, problem) = await visits.RecordAsync(day!.Value, serviceId, serviceName!, people, note, by, corrects).ConfigureAwait(false);
        if (visit is null)
        {
            var text = problem == ServiceVisitProblem.AlreadyCorrected
                ? "รายการนี้ถูกแก้ไขไปแล้วค่ะ กรุณาแก้ไขจากรายการล่าสุด"
                : "ไม่พบรายการที่จะแก้ไขค่ะ";
            return Page(context, visits, content, time, target?.Day ?? day!.Value, StaffPage.Message(text), null, null, StatusCodes.Status409Conflict);
        }

        return Results.Redirect($"{Path}?day={ServiceVisits.DayText(visit.Day)}&done={(corrects is null ? "recorded" : "corrected")}");
    }

    private static IResult Page(HttpContext context, IServiceVisitStore visits, ContentPackProvider content, TimeProvider time, DateOnly day, Html message,
        ServiceVisit? correcting, IFormCollection? typed, int statusCode = StatusCodes.Status200OK)
    {
        string Typed(string field, string fallback) => typed is not null ? typed[field].ToString() : fallback;
        var today = Today(time);
        var lines = visits.Between(day, day);
        var replacedBy = lines.Where(v => v.Corrects is not null).ToDictionary(v => v.Corrects!, StringComparer.Ordinal);
        var counted = ServiceVisits.Effective(lines, DateTime.MaxValue).ToList();
        var selected = Typed("service", correcting?.ServiceId ?? string.Empty);
        List<(string Id, string Name)> services = [.. content.Current.Services.Select(s => (s.Id, s.Name)), (ServiceVisits.OtherServiceId, ServiceVisits.OtherServiceName)];
        var options = services.Select(s => Html.Of($"""<option value="{s.Id}" {(s.Id == selected ? new Html("selected") : Html.Empty)}>{s.Name}</option>"""));
        var correctingNote = correcting is null ? Html.Empty : Html.Of($"""
            <p class="msg note">แก้ไขรายการ: {correcting.ServiceName} {correcting.People} คน (บันทึกโดย {correcting.RecordedBy}) — รายการใหม่จะแทนรายการนี้ รายการเดิมยังแสดงไว้ <a href="{Path}?day={ServiceVisits.DayText(correcting.Day)}">ยกเลิก</a></p>
            <input type="hidden" name="corrects" value="{correcting.Id}">
            """);
        var rows = lines.Count == 0
            ? Html.Of($"""<p class="muted">ยังไม่มีรายการของวันนี้ค่ะ</p>""")
            : Html.Of($"""
                <table id="visits">
                <thead><tr><th>งานบริการ</th><th>จำนวน (คน)</th><th>หมายเหตุ</th><th>บันทึกโดย</th><th class="opt">เวลาที่บันทึก</th><th></th></tr></thead>
                <tbody>{lines.Select(v => Row(v, replacedBy))}</tbody>
                </table>
                <p>รวมวันนี้ <strong id="day-total">{counted.Sum(v => v.People).ToString("#,0", CultureInfo.InvariantCulture)}</strong> คน
                ({string.Join(", ", counted.GroupBy(v => v.ServiceName).Select(g => $"{g.Key} {g.Sum(v => v.People).ToString("#,0", CultureInfo.InvariantCulture)}"))})</p>
                """);
        return StaffPage.Render(context, "สถิติผู้มารับบริการ ณ สำนักงาน", Html.Of($"""
            {message}
            <p class="muted">บันทึกจำนวนประชาชนที่มารับบริการด้วยตนเอง (walk-in) แยกตามงานบริการ ใช้ในรายงานสถิติการให้บริการ (E-Service เทียบกับ walk-in) ค่ะ</p>
            <form class="box" method="get" action="{Path}">
            <label for="show-day">ดูรายการของวันที่</label>
            <input id="show-day" type="date" name="day" value="{ServiceVisits.DayText(day)}" max="{ServiceVisits.DayText(today)}">
            <button class="secondary" type="submit">แสดง</button>
            </form>
            <form class="box" id="visit-form" method="post" action="{Path}">{StaffPage.Antiforgery(context)}
            {correctingNote}
            <label for="day">วันที่ให้บริการ</label>
            <input id="day" type="date" name="day" required value="{Typed("day", ServiceVisits.DayText(day))}" max="{ServiceVisits.DayText(today)}">
            <label for="service">งานบริการ</label>
            <select id="service" name="service" required><option value="">-</option>{options}</select>
            <label for="people">จำนวนผู้รับบริการ (คน)</label>
            <input id="people" name="people" type="number" inputmode="numeric" min="{(correcting is null ? 1 : 0)}" max="{ServiceVisits.MaxPeople}" required value="{Typed("people", correcting?.People.ToString(CultureInfo.InvariantCulture) ?? string.Empty)}">
            <label for="note">หมายเหตุ (ถ้ามี)</label>
            <input id="note" name="note" maxlength="{ServiceVisits.MaxNote}" value="{Typed("note", string.Empty)}">
            <button type="submit">{(correcting is null ? "บันทึก" : "บันทึกการแก้ไข")}</button>
            </form>
            <h2>รายการของวันที่ {ThaiDates.Long(day)}</h2>
            {rows}
            """), statusCode);
    }

    private static Html Row(ServiceVisit v, Dictionary<string, ServiceVisit> replacedBy)
    {
        var replaced = replacedBy.ContainsKey(v.Id);
        var action = replaced
            ? Html.Of($"""<span class="muted small">แก้ไขแล้ว</span>""")
            : Html.Of($"""<a class="small" href="{Path}?correct={v.Id}">แก้ไข</a>""");
        var note = v.Corrects is null ? Html.Empty : Html.Of($"""<span class="muted small">(แก้ไขรายการก่อนหน้า) </span>""");
        var people = v.People.ToString("#,0", CultureInfo.InvariantCulture);
        return Html.Of($"""
            <tr id="visit-{v.Id}" class="{(replaced ? "replaced" : "counted")}"><td>{(replaced ? Html.Of($"<s>{v.ServiceName}</s>") : Html.Text(v.ServiceName))}</td>
            <td>{(replaced ? Html.Of($"<s>{people}</s>") : Html.Text(people))}</td><td class="note">{note}{v.Note}</td><td>{v.RecordedBy}</td>
            <td class="opt">{ThaiTime.DateAndTime(v.RecordedAt)}</td><td>{action}</td></tr>
            """);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ThaiTime.ToBangkok(time.GetUtcNow().UtcDateTime));

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
