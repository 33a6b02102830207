using ItaBot.Reports.Pages;
using ItaBot.Shared.Pages;
using ItaBot.Staff;

namespace ItaBot.Reports;

/// <summary>
/// /staff/reports for admins and reporters: compile a period now, the stored snapshots, one snapshot's headline figures
/// and trace with a "ตรวจสอบซ้ำ" (recompile as of the same instant, not stored, compared), and every document of it.
/// </summary>
internal static class ReportPages
{
    public const string Path = "/staff/reports";

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/reports", Index);
        staff.MapPost("/reports", CompileAsync);
        staff.MapGet("/reports/{id}", Snapshot);
        staff.MapPost("/reports/{id}/verify", VerifyAsync);
        staff.MapGet("/reports/{id}/{kind}", Download);
    }

    public static string Href(ReportSnapshot snapshot) => Path + "/" + Uri.EscapeDataString(snapshot.Id);

    private static IResult Index(HttpContext context, TimeProvider time) =>
        Compiler(context) is { } compiler ? IndexPage(compiler, time, null) : Unavailable();

    private static async Task<IResult> CompileAsync(HttpContext context, IFormCollection form, IStaffStore staff, TimeProvider time)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable();
        }

        var input = ReportPeriodInput.FromForm(name => form[name].FirstOrDefault(), ReportPeriodInput.Today(time));
        if (input.Period is not { } period)
        {
            return IndexPage(compiler, time, input.Error, StatusCodes.Status400BadRequest);
        }

        ReportSnapshot snapshot;
        try
        {
            snapshot = await compiler.CompileAsync(period, UserName(context, staff), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return IndexPage(compiler, time, "ไม่สามารถรวบรวมสถิติของช่วงเวลานี้ได้ค่ะ กรุณาเลือกช่วงเวลาใหม่", StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(Href(snapshot) + "?compiled=1");
    }

    private static IResult Snapshot(HttpContext context, string id)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable();
        }

        if (compiler.Get(id) is not { } snapshot)
        {
            return NotFound();
        }

        var message = context.Request.Query["compiled"] == "1"
            ? PageMessage.Ok($"รวบรวมสถิติ{snapshot.Period.ThaiTitle} แล้วค่ะ")
            : null;
        return SnapshotPage(context, snapshot, message);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, IFormCollection form, IStaffStore staff, string id)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable();
        }

        if (compiler.Get(id) is not { } stored)
        {
            return NotFound();
        }

        var again = await compiler.CompileAsync(stored.Period, UserName(context, staff), stored.AsOf, store: false, context.RequestAborted).ConfigureAwait(false);
        var check = SnapshotCheck.Compare(stored, again);
        var message = check.Identical
            ? PageMessage.Ok($"ตรวจสอบซ้ำแล้ว: รวบรวมใหม่ ณ {ReportTexts.At(stored.AsOf)} ได้ตัวเลขและค่าตรวจสอบ (digest) ตรงกันทุกประการค่ะ")
            : new PageMessage($"ตรวจสอบซ้ำแล้ว: รวบรวมใหม่ ณ {ReportTexts.At(stored.AsOf)} ได้ผลไม่ตรงกันค่ะ ส่วนที่ต่างกัน: {check.Differences} (digest ใหม่ {again.Trace.Digest})");
        return SnapshotPage(context, stored, message);
    }

    private static IResult Download(HttpContext context, string id, string kind)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable();
        }

        var renderer = Renderers(context).FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
        if (renderer is null || compiler.Get(id) is not { } snapshot)
        {
            return NotFound();
        }

        var document = renderer.Render(snapshot);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(document.Content, document.ContentType, document.FileName);
    }

    internal sealed record IndexModel(string? Error, DateOnly Today, IReadOnlyList<ReportSnapshot> Snapshots);

    /// <param name="Documents">The documents a snapshot can be downloaded as, by kind.</param>
    internal sealed record SnapshotModel(ReportSnapshot Snapshot, PageMessage? Message, IReadOnlyList<IReportRenderer> Documents);

    private static IResult IndexPage(IReportCompiler compiler, TimeProvider time, string? error, int statusCode = StatusCodes.Status200OK) =>
        StaffPage.Page<ReportsIndexPage, IndexModel>(new(error, ReportPeriodInput.Today(time), compiler.List()), statusCode);

    private static IResult SnapshotPage(HttpContext context, ReportSnapshot snapshot, PageMessage? message) =>
        StaffPage.Page<ReportSnapshotPage, SnapshotModel>(new(snapshot, message, Renderers(context).ToList()));

    public static string TraceCounts(SnapshotTrace t) =>
        $"เรื่องร้องเรียน {ReportTexts.Count(t.Cases)} · เบาะแส {ReportTexts.Count(t.ProtectedReports)} · คำถาม {ReportTexts.Count(t.Questions)} · บันทึกบริการ {ReportTexts.Count(t.ServiceRecords)}";

    /// <summary>The compiler, resolved per request: the pages answer 503 in Thai rather than the service failing to start without it.</summary>
    private static IReportCompiler? Compiler(HttpContext context) => context.RequestServices.GetService<IReportCompiler>();

    private static IEnumerable<IReportRenderer> Renderers(HttpContext context) =>
        context.RequestServices.GetServices<IReportRenderer>().OrderBy(r => r.Kind, StringComparer.Ordinal);

    private static string UserName(HttpContext context, IStaffStore staff) =>
        staff.Find(context.User.Id())?.UserName ?? context.User.Id();

    private static IResult NotFound() => StaffPage.Page<ReportMissingPage>(StatusCodes.Status404NotFound);

    private static IResult Unavailable() => StaffPage.Page<ReportsUnavailablePage>(StatusCodes.Status503ServiceUnavailable);
}
