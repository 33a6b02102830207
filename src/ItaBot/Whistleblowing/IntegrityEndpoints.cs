using System.Globalization;
using ItaBot.Complaints;
using ItaBot.Staff;
using ItaBot.Shared.Pages;
using ItaBot.Vault;
using ItaBot.Whistleblowing.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace ItaBot.Whistleblowing;

/// <summary>
/// /staff/integrity…: the integrity officers' section (issue 5, "Staff side"). Only a signed-in IntegrityOfficer (TOTP
/// is mandatory for the role) gets anything; every other caller, admins included and signed-out visitors too, gets
/// 404 for every URL here, before any form is read. Every vault call names the officer as actor and is audited there.
/// </summary>
internal static class IntegrityEndpoints
{
    public const string Path = "/staff/integrity";

    /// <summary>Beside a file that has no viewing copy (legacy Word/Excel/PowerPoint, a PDF whose properties could not be removed).</summary>
    public const string NoViewingCopy = "ไม่มีสำเนาสำหรับเปิดดู: ลบชื่อผู้สร้างและข้อมูลแฝงออกจากไฟล์ชนิดนี้ไม่ได้ เปิดได้เฉพาะต้นฉบับ ซึ่งบันทึกการเปิดทุกครั้ง";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path);
        // Around the whole endpoint, not as an endpoint filter: filters run after the handler's services are resolved,
        // and a visitor must get 404 before anything touches the vault (which may be unable to open).
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var handler = endpoint.RequestDelegate;
            if (handler is null)
            {
                return;
            }

            endpoint.RequestDelegate = async context =>
            {
                if (await OfficerAsync(context).ConfigureAwait(false) is null)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await handler(context).ConfigureAwait(false);
            };
        });
        group.MapGet("/", ListAsync);
        IntegrityEntryEndpoints.Map(group);
        group.MapGet("/{id}/attachments/{attachmentId}/original", OriginalAsync);
        group.MapPost("/audit/verify", VerifyAsync);
        group.MapGet("/{id}", ShowAsync);
        group.MapGet("/{id}/attachments/{attachmentId}", AttachmentAsync);
        group.MapPost("/{id}/status", StatusAsync);
        group.MapPost("/{id}/retention", ExtendRetentionAsync);
        group.MapPost("/{id}/message", MessageAsync);
        group.MapPost("/{id}/identity", RequestIdentityAsync);
        group.MapPost("/{id}/identity/{requestId}/decide", DecideAsync);
        group.MapPost("/{id}/identity/{requestId}/open", OpenIdentityAsync);
    }

    /// <summary>The officer's staff id, or null for anyone else (who must see only 404).</summary>
    private static async Task<string?> OfficerAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(StaffAccount.AuthenticationScheme).ConfigureAwait(false);
        if (result.Principal is not { } user || !user.IsInRole(nameof(StaffRole.IntegrityOfficer)))
        {
            return null;
        }

        context.User = user;
        return user.Id();
    }

    internal static async Task<IFormCollection?> FormAsync(HttpContext context)
    {
        // Into memory first (evidence never spooled to the temp folder); antiforgery then reads this form.
        var maxFileBytes = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WhistleblowingOptions>>().Value.MaxFileBytes;
        await ProtectedForms.ReadAsync(context, ReportEndpoints.MaxFiles, maxFileBytes).ConfigureAwait(false);
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AgencyVaults vaults)
    {
        var vault = vaults.Current;
        var rows = await vault.ListAsync(context.User.Id()).ConfigureAwait(false);
        return ListPage(rows, null);
    }

    /// <summary>The list of reports (no content): number, channel, status, deadlines, counts.</summary>
    internal sealed record ListModel(IReadOnlyList<ReportSummary> Rows, PageMessage? Message);

    /// <summary>A report as the officer reads it; <see cref="Identity"/> only right after an approved request opened it.</summary>
    internal sealed record ReportModel(ReportView View, IReadOnlyList<StaffAccount> Officers, string Me, PageMessage? Message, ReporterIdentity? Identity = null);

    private static IResult ListPage(IReadOnlyList<ReportSummary> rows, PageMessage? message) =>
        StaffPage.Page<IntegrityListPage, ListModel>(new(rows, message));

    private static async Task<IResult> VerifyAsync(HttpContext context, AgencyVaults vaults)
    {
        var vault = vaults.Current;
        if (await FormAsync(context).ConfigureAwait(false) is null)
        {
            return Results.BadRequest();
        }

        var result = await vault.VerifyAuditAsync(context.User.Id()).ConfigureAwait(false);
        var message = result.IsIntact
            ? PageMessage.Ok($"บันทึกตรวจสอบครบถ้วน ไม่ถูกแก้ไข ({result.Entries.ToString(CultureInfo.InvariantCulture)} รายการ)")
            : new PageMessage($"บันทึกตรวจสอบผิดปกติ ตั้งแต่รายการที่ {result.FirstBrokenSequence?.ToString(CultureInfo.InvariantCulture)}: {result.Problem}");
        return ListPage(await vault.ListAsync(context.User.Id()).ConfigureAwait(false), message);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, AgencyVaults vaults, string id) =>
        await ReportPageAsync(context, vaults.Current, id, null, StatusCodes.Status200OK).ConfigureAwait(false);

    private static async Task<IResult> ReportPageAsync(HttpContext context, ProtectedReports vault, string id, PageMessage? message, int statusCode, ReporterIdentity? identity = null)
    {
        ReportView view;
        try
        {
            view = await vault.ReadAsync(id, context.User.Id()).ConfigureAwait(false);
        }
        catch (ReportNotFoundException)
        {
            return Results.NotFound();
        }

        return StaffPage.Page<IntegrityReportPage, ReportModel>(new(view, IntegrityOfficers(context), context.User.Id(), message, identity), statusCode);
    }

    private static async Task<IResult> AttachmentAsync(HttpContext context, AgencyVaults vaults, string id, string attachmentId)
    {
        var vault = vaults.Current;
        AttachmentContent file;
        try
        {
            file = await vault.OpenAttachmentAsync(id, attachmentId, context.User.Id()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ReportNotFoundException or KeyNotFoundException or VaultRuleException)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        return Results.File(file.Bytes, file.ContentType == "image/jpeg" ? "image/jpeg" : "application/octet-stream");
    }

    /// <summary>The original as received (documents have only this): audited in the vault as <c>attachment.original</c>, always a download.</summary>
    private static async Task<IResult> OriginalAsync(HttpContext context, AgencyVaults vaults, string id, string attachmentId)
    {
        var vault = vaults.Current;
        AttachmentContent file;
        try
        {
            file = await vault.OpenOriginalAttachmentAsync(id, attachmentId, context.User.Id()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ReportNotFoundException or KeyNotFoundException or VaultRuleException)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        // Served as a download, never rendered here: the file came from outside.
        return Results.File(file.Bytes, "application/octet-stream", file.FileName);
    }

    private static Task<IResult> StatusAsync(HttpContext context, AgencyVaults vaults, string id) => ActAsync(context, vaults.Current, id, async (vault, form) =>
    {
        if (!Enum.TryParse<ReportStatus>(form["to"], out var to) || !Enum.IsDefined(to) || int.TryParse(form["to"], out _))
        {
            return "กรุณาเลือกสถานะค่ะ";
        }

        ReportOutcome? outcome = Enum.TryParse<ReportOutcome>(form["outcome"], out var o) && Enum.IsDefined(o) && !int.TryParse(form["outcome"], out _) ? o : null;
        if (to == ReportStatus.Assigned && !IntegrityOfficers(context).Any(officer => officer.Id == form["assignee"]))
        {
            return "กรุณาเลือกเจ้าหน้าที่ศูนย์ปฏิบัติการต่อต้านการทุจริตค่ะ";
        }

        await vault.ChangeStatusAsync(id, context.User.Id(), to, Clip(form["note"]), outcome, to == ReportStatus.Assigned ? Clip(form["assignee"]) : null).ConfigureAwait(false);
        await context.RequestServices.GetRequiredService<ReporterNoticeSender>().SendAsync(vault, id, "status:" + to.ToString()).ConfigureAwait(false);
        return null;
    }, "บันทึกสถานะแล้วค่ะ");

    /// <summary>Keeps a report past its retention date: a later date, audited in the vault with who and until when.</summary>
    private static Task<IResult> ExtendRetentionAsync(HttpContext context, AgencyVaults vaults, string id) => ActAsync(context, vaults.Current, id, async (vault, form) =>
    {
        if (!DateOnly.TryParseExact(form["until"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return "กรุณาระบุวันที่ค่ะ";
        }

        var until = new DateTimeOffset(WorkingCalendar.EndOfDayUtc(day), TimeSpan.Zero);
        var current = (await vault.ReadAsync(id, context.User.Id()).ConfigureAwait(false)).Summary.RetainUntil;
        if (until <= current)
        {
            return "วันที่ใหม่ต้องหลังวันที่เก็บรักษาเดิมค่ะ";
        }

        await vault.ExtendRetentionAsync(id, context.User.Id(), until).ConfigureAwait(false);
        return null;
    }, "ขยายระยะเวลาเก็บรักษาแล้วค่ะ");

    /// <summary>The integrity officers a report can be assigned to, by name.</summary>
    private static List<StaffAccount> IntegrityOfficers(HttpContext context) =>
        [.. context.RequestServices.GetRequiredService<IStaffStore>().List()
            .Where(a => a is { Role: StaffRole.IntegrityOfficer, Disabled: false })
            .OrderBy(a => a.DisplayName, StringComparer.Ordinal)];

    internal static string RetentionDay(DateTimeOffset utc) => DateOnly.FromDateTime(ThaiTime.ToBangkok(utc.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<IResult> MessageAsync(HttpContext context, AgencyVaults vaults, string id) => ActAsync(context, vaults.Current, id, async (vault, form) =>
    {
        if (Clip(form["text"]) is not { } text)
        {
            return "กรุณาพิมพ์ข้อความค่ะ";
        }

        var messageId = await vault.SendToReporterAsync(id, context.User.Id(), text).ConfigureAwait(false);
        await context.RequestServices.GetRequiredService<ReporterNoticeSender>().SendAsync(vault, id, "message:" + messageId).ConfigureAwait(false);
        return null;
    }, "ส่งข้อความถึงผู้แจ้งแล้วค่ะ ผู้แจ้งจะเห็นเมื่อเปิดด้วยรหัสติดตาม");

    private static Task<IResult> RequestIdentityAsync(HttpContext context, AgencyVaults vaults, string id) => ActAsync(context, vaults.Current, id, async (vault, form) =>
    {
        if (Clip(form["reason"]) is not { } reason)
        {
            return "กรุณาระบุเหตุผลค่ะ";
        }

        await vault.RequestIdentityAsync(id, context.User.Id(), reason).ConfigureAwait(false);
        return null;
    }, "ส่งคำขอแล้วค่ะ ต้องให้เจ้าหน้าที่อีกคนอนุมัติ");

    private static Task<IResult> DecideAsync(HttpContext context, AgencyVaults vaults, string id, string requestId) => ActAsync(context, vaults.Current, id, async (vault, form) =>
    {
        await vault.DecideIdentityRequestAsync(id, requestId, context.User.Id(), form["approve"] == "yes").ConfigureAwait(false);
        return null;
    }, "บันทึกการพิจารณาคำขอแล้วค่ะ");

    private static async Task<IResult> OpenIdentityAsync(HttpContext context, AgencyVaults vaults, string id, string requestId)
    {
        var vault = vaults.Current;
        if (await FormAsync(context).ConfigureAwait(false) is null)
        {
            return Results.BadRequest();
        }

        try
        {
            var identity = await vault.OpenIdentityAsync(id, requestId, context.User.Id()).ConfigureAwait(false);
            return await ReportPageAsync(context, vault, id, null, StatusCodes.Status200OK, identity).ConfigureAwait(false);
        }
        catch (ReportNotFoundException)
        {
            return Results.NotFound();
        }
        catch (VaultRuleException)
        {
            return await ReportPageAsync(context, vault, id, new PageMessage("เปิดไม่ได้ค่ะ เฉพาะผู้ขอ และเมื่อได้รับอนุมัติแล้วเท่านั้น"), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the form (antiforgery checked), runs the change; a rule the vault refuses is shown in Thai.</summary>
    private static async Task<IResult> ActAsync(HttpContext context, ProtectedReports vault, string id, Func<ProtectedReports, IFormCollection, Task<string?>> act, string done)
    {
        if (await FormAsync(context).ConfigureAwait(false) is not { } form)
        {
            return Results.BadRequest();
        }

        string? problem;
        try
        {
            problem = await act(vault, form).ConfigureAwait(false);
        }
        catch (ReportNotFoundException)
        {
            return Results.NotFound();
        }
        catch (VaultRuleException)
        {
            problem = "ทำรายการนี้ไม่ได้ค่ะ (ขั้นตอนไม่ถูกต้อง เช่น เรื่องที่ปิดแล้ว ขาดเหตุผลหรือผลการพิจารณา หรืออนุมัติคำขอของตนเอง)";
        }
        catch (KeyNotFoundException)
        {
            return Results.NotFound();
        }

        return await ReportPageAsync(context, vault, id, problem is null ? PageMessage.Ok(done) : new PageMessage(problem),
            problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest).ConfigureAwait(false);
    }

    private static string? Clip(string? value) =>
        value?.Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, WhistleblowDialog.MaxTextLength)] : null;

    internal static string Channel(ReportChannel channel) => channel switch
    {
        ReportChannel.Line => "LINE",
        ReportChannel.Web => "เว็บไซต์",
        ReportChannel.WalkIn => "ด้วยตนเอง",
        ReportChannel.Letter => "หนังสือ",
        _ => "โทรศัพท์",
    };

    internal static string IdentityState(IdentityRequestState state) => state switch
    {
        IdentityRequestState.Pending => "รอเจ้าหน้าที่อีกคนพิจารณา",
        IdentityRequestState.Approved => "อนุมัติแล้ว",
        _ => "ไม่อนุมัติ",
    };
}
