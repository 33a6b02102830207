using System.Globalization;
using ItaBot.Complaints;
using ItaBot.Staff;
using ItaBot.Vault;
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
        return ListPage(context, rows, null);
    }

    private static IResult ListPage(HttpContext context, IReadOnlyList<ReportSummary> rows, Html? message)
    {
        var body = rows.Select(r => Html.Of($"""
            <tr><td><a href="{Path}/{r.ReportId}">{r.Number}</a></td><td>{Channel(r.Channel)}</td><td><span class="status">{r.Status.Thai()}</span></td>
            <td class="opt">{ThaiTime.DateAndTime(r.CreatedAt.UtcDateTime)}</td><td>{(r.AcknowledgedAt is null ? ThaiTime.Deadline(r.AcknowledgeBy.UtcDateTime) : "รับแล้ว")}</td>
            <td>{(r.Status.IsClosed() ? "ปิดแล้ว" : ThaiTime.Deadline(r.AnswerBy.UtcDateTime))}</td><td class="opt">{r.MessageCount} / {r.AttachmentCount}</td></tr>
            """));
        return StaffPage.Render(context, "เบาะแสการทุจริต", Html.Of($"""
            {message ?? Html.Empty}
            <p class="muted">เห็นได้เฉพาะเจ้าหน้าที่ศูนย์ต่อต้านการทุจริต ทุกการเปิดอ่านถูกบันทึกในบันทึกตรวจสอบค่ะ</p>
            <p><a href="{IntegrityEntryEndpoints.NewPath}">+ บันทึกเบาะแสที่รับด้วยตนเอง หนังสือ หรือโทรศัพท์</a></p>
            <table><thead><tr><th>เลขที่</th><th>ช่องทาง</th><th>สถานะ</th><th class="opt">แจ้งเมื่อ</th><th>รับเรื่องภายใน</th><th>ตอบภายใน</th><th class="opt">ข้อความ/ไฟล์</th></tr></thead>
            <tbody>{(rows.Count == 0 ? Html.Of($"<tr><td colspan=\"7\">ยังไม่มีเบาะแสค่ะ</td></tr>") : Html.Join(body))}</tbody></table>
            <form class="box" method="post" action="{Path}/audit/verify">{StaffPage.Antiforgery(context)}
            <button type="submit">ตรวจสอบความครบถ้วนของบันทึกตรวจสอบ (verify chain)</button></form>
            """));
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, AgencyVaults vaults)
    {
        var vault = vaults.Current;
        if (await FormAsync(context).ConfigureAwait(false) is null)
        {
            return Results.BadRequest();
        }

        var result = await vault.VerifyAuditAsync(context.User.Id()).ConfigureAwait(false);
        var message = result.IsIntact
            ? StaffPage.Message($"บันทึกตรวจสอบครบถ้วน ไม่ถูกแก้ไข ({result.Entries.ToString(CultureInfo.InvariantCulture)} รายการ)", "ok")
            : StaffPage.Message($"บันทึกตรวจสอบผิดปกติ ตั้งแต่รายการที่ {result.FirstBrokenSequence?.ToString(CultureInfo.InvariantCulture)}: {result.Problem}");
        return ListPage(context, await vault.ListAsync(context.User.Id()).ConfigureAwait(false), message);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, AgencyVaults vaults, string id) =>
        await ReportPageAsync(context, vaults.Current, id, null, StatusCodes.Status200OK).ConfigureAwait(false);

    private static async Task<IResult> ReportPageAsync(HttpContext context, ProtectedReports vault, string id, Html? message, int statusCode)
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

        var me = context.User.Id();
        var officers = IntegrityOfficers(context);
        var s = view.Summary;
        var c = view.Content;
        var attachments = view.Attachments.Select(a => Html.Of($"""
            <li>{(a.ViewingBytes > 0 ? Html.Of($"""<a href="{Path}/{s.ReportId}/attachments/{a.Id}">{a.FileName}</a>""") : Html.Of($"""{a.FileName} <span class="muted small">({NoViewingCopy})</span>"""))}
            {(a.HasOriginal ? Html.Of($"""· <a href="{Path}/{s.ReportId}/attachments/{a.Id}/original">ดาวน์โหลดต้นฉบับ{(a.ViewingBytes > 0 ? " (มีข้อมูลแฝงเดิม)" : " (เอกสารอาจมีชื่อผู้สร้าง)")}</a>""") : Html.Empty)}
            <span class="muted small">({(a.FromReporter ? "จากผู้แจ้ง" : "จากเจ้าหน้าที่")}, {ThaiTime.DateAndTime(a.At.UtcDateTime)}, การดาวน์โหลดถูกบันทึก)</span></li>
            """));
        var messages = view.Messages.Select(m => Html.Of($"""
            <li><strong>{(m.Direction == MessageDirection.ToReporter ? "ถึงผู้แจ้ง" : "จากผู้แจ้ง")}</strong> <span class="muted small">{ThaiTime.DateAndTime(m.At.UtcDateTime)}</span><div class="note">{m.Text}</div></li>
            """));
        var history = view.History.Select(h => Html.Of($"""
            <li>{ThaiTime.DateAndTime(h.At.UtcDateTime)} · {h.From.Thai()} → {h.To.Thai()}{(h.Note is null ? string.Empty : " · " + h.Note)}</li>
            """));
        var requests = view.IdentityRequests.Select(r => Html.Of($"""
            <li>{ThaiTime.DateAndTime(r.At.UtcDateTime)} · เหตุผล: {r.Reason} · {IdentityState(r.State)}
            {(r.State == IdentityRequestState.Pending && r.RequestedBy != me ? Html.Of($"""
                <form method="post" action="{Path}/{s.ReportId}/identity/{r.Id}/decide">{StaffPage.Antiforgery(context)}
                <button type="submit" name="approve" value="yes">อนุมัติ</button> <button class="secondary" type="submit" name="approve" value="no">ไม่อนุมัติ</button></form>
                """) : Html.Empty)}
            {(r.State == IdentityRequestState.Approved && r.RequestedBy == me ? Html.Of($"""
                <form method="post" action="{Path}/{s.ReportId}/identity/{r.Id}/open">{StaffPage.Antiforgery(context)}<button class="danger" type="submit">เปิดดูตัวตนผู้แจ้ง</button></form>
                """) : Html.Empty)}</li>
            """));
        var statuses = Enum.GetValues<ReportStatus>().Select(st => Html.Of($"""<option value="{st.ToString()}">{st.Thai()}</option>"""));
        var outcomes = Enum.GetValues<ReportOutcome>().Select(o => Html.Of($"""<option value="{o.ToString()}">{o.Thai()}</option>"""));
        return StaffPage.Render(context, "เบาะแสเลขที่ " + s.Number, Html.Of($"""
            {message ?? Html.Empty}
            <p><a href="{Path}">← รายการเบาะแส</a></p>
            <section class="box">
            <dl class="case">
            <dt>สถานะ</dt><dd><span class="status">{s.Status.Thai()}</span>{(s.Outcome is { } o ? " · " + o.Thai() : string.Empty)}</dd>
            <dt>ช่องทาง</dt><dd>{Channel(s.Channel)}</dd>
            <dt>แจ้งเมื่อ</dt><dd>{ThaiTime.DateAndTime(s.CreatedAt.UtcDateTime)}</dd>
            <dt>รับเรื่องภายใน</dt><dd>{ThaiTime.Deadline(s.AcknowledgeBy.UtcDateTime)}{(s.AcknowledgedAt is { } at ? " (รับแล้ว " + ThaiTime.DateAndTime(at.UtcDateTime) + ")" : string.Empty)}</dd>
            <dt>ตอบภายใน</dt><dd>{ThaiTime.Deadline(s.AnswerBy.UtcDateTime)}</dd>
            <dt>ผู้รับผิดชอบ</dt><dd id="report-assignee">{(s.AssigneeId is null ? "-" : officers.FirstOrDefault(o => o.Id == s.AssigneeId)?.DisplayName ?? "เจ้าหน้าที่ที่ไม่อยู่ในระบบแล้ว")}</dd>
            <dt>เก็บข้อมูลถึง</dt><dd id="report-retention">{ThaiTime.Date(s.RetainUntil.UtcDateTime)}</dd>
            <dt>เจ้าหน้าที่ที่ถูกแจ้ง</dt><dd>{c.Officials ?? "-"}</dd>
            <dt>หน่วยงาน</dt><dd>{c.Unit ?? "-"}</dd>
            <dt>เหตุการณ์</dt><dd class="description">{c.WhatHappened}</dd>
            <dt>เมื่อไร</dt><dd>{c.When ?? "-"}</dd>
            <dt>ที่ไหน</dt><dd>{c.Where ?? "-"}</dd>
            <dt>หลักฐาน</dt><dd>{c.Evidence ?? "-"}</dd>
            <dt>ผู้แจ้งให้ตัวตนไว้</dt><dd>{(s.HasIdentity ? "ใช่ (เปิดได้เมื่อเจ้าหน้าที่อีกคนอนุมัติคำขอ)" : "ไม่ระบุตัวตน")}</dd>
            </dl>
            </section>
            <h2>ไฟล์แนบ (สำเนาที่ลบข้อมูลแฝงแล้ว)</h2>
            {(view.Attachments.Count == 0 ? Html.Of($"<p class=\"muted\">ไม่มี</p>") : Html.Of($"<ul>{Html.Join(attachments)}</ul>"))}
            <h2>ข้อความกับผู้แจ้ง</h2>
            {(view.Messages.Count == 0 ? Html.Of($"<p class=\"muted\">ยังไม่มี</p>") : Html.Of($"<ol class=\"timeline\">{Html.Join(messages)}</ol>"))}
            <form class="box" method="post" action="{Path}/{s.ReportId}/message">{StaffPage.Antiforgery(context)}
            <label for="text">ถามหรือตอบผู้แจ้ง (ผู้แจ้งอ่านได้ด้วยรหัสติดตาม)</label><textarea id="text" name="text" maxlength="3000" required></textarea>
            <button type="submit">ส่งถึงผู้แจ้ง</button></form>
            <h2>เปลี่ยนสถานะ</h2>
            <form class="box" method="post" action="{Path}/{s.ReportId}/status">{StaffPage.Antiforgery(context)}
            <label for="to">สถานะใหม่</label><select id="to" name="to">{Html.Join(statuses)}</select>
            <label for="assignee">มอบหมายให้ (เมื่อเลือก "มอบหมายแล้ว")</label><select id="assignee" name="assignee">{Html.Join(officers.Select(o => Html.Of($"""<option value="{o.Id}" {(o.Id == (s.AssigneeId ?? me) ? new Html("selected") : Html.Empty)}>{o.DisplayName}</option>""")))}</select>
            <label for="outcome">ผลการพิจารณา (เมื่อเลือก "เสร็จสิ้น")</label><select id="outcome" name="outcome"><option value="">-</option>{Html.Join(outcomes)}</select>
            <label for="note">หมายเหตุ/เหตุผล (จำเป็นเมื่อส่งต่อหรือไม่รับเรื่อง)</label><textarea id="note" name="note" maxlength="3000"></textarea>
            <button type="submit">บันทึกสถานะ</button></form>
            <h2>ระยะเวลาเก็บรักษา</h2>
            <form class="box" id="retention-form" method="post" action="{Path}/{s.ReportId}/retention">{StaffPage.Antiforgery(context)}
            <p class="muted">ข้อมูลของเบาะแสนี้จะถูกลบถาวรเมื่อครบวันที่ {ThaiTime.Date(s.RetainUntil.UtcDateTime)} หากยังต้องใช้ (เช่น อยู่ระหว่างสอบสวนหรือฟ้องร้อง) ขยายได้ การขยายถูกบันทึกในบันทึกตรวจสอบ (ผู้ขยาย วันที่ และวันที่เก็บถึง)</p>
            <p class="muted" id="retention-no-reason">แบบฟอร์มนี้ไม่ถามเหตุผล เพราะบันทึกตรวจสอบไม่ได้เข้ารหัส และเหตุผลอาจเปิดเผยเนื้อหาของเบาะแส กรุณาบันทึกเหตุผลไว้ในสำนวนการสอบสวน</p>
            <label for="retain-until">เก็บไว้ถึงวันที่</label><input id="retain-until" name="until" type="date" required min="{RetentionDay(s.RetainUntil.AddDays(1))}" value="{RetentionDay(s.RetainUntil.AddYears(1))}">
            <button type="submit">ขยายระยะเวลาเก็บรักษา</button></form>
            <h2>ประวัติสถานะ</h2>
            <ol class="timeline">{Html.Join(history)}</ol>
            <h2>คำขอเปิดตัวตนผู้แจ้ง</h2>
            {(view.IdentityRequests.Count == 0 ? Html.Of($"<p class=\"muted\">ไม่มี</p>") : Html.Of($"<ul>{Html.Join(requests)}</ul>"))}
            {(s.HasIdentity ? Html.Of($"""
                <form class="box" method="post" action="{Path}/{s.ReportId}/identity">{StaffPage.Antiforgery(context)}
                <label for="reason">เหตุผลที่ต้องเปิดตัวตน (เจ้าหน้าที่อีกคนต้องอนุมัติ)</label><textarea id="reason" name="reason" maxlength="1000" required></textarea>
                <button type="submit">ขอเปิดตัวตน</button></form>
                """) : Html.Empty)}
            """), statusCode);
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

    private static string RetentionDay(DateTimeOffset utc) => DateOnly.FromDateTime(ThaiTime.ToBangkok(utc.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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
            return await ReportPageAsync(context, vault, id, Html.Of($"""
                <section class="box"><h2>ตัวตนผู้แจ้ง (การเปิดดูนี้ถูกบันทึก)</h2>
                <p>ชื่อ: {identity.Name ?? "-"} · โทร: {identity.Phone ?? "-"} · อีเมล: {identity.Email ?? "-"}</p></section>
                """), StatusCodes.Status200OK).ConfigureAwait(false);
        }
        catch (ReportNotFoundException)
        {
            return Results.NotFound();
        }
        catch (VaultRuleException)
        {
            return await ReportPageAsync(context, vault, id, StaffPage.Message("เปิดไม่ได้ค่ะ เฉพาะผู้ขอ และเมื่อได้รับอนุมัติแล้วเท่านั้น"), StatusCodes.Status400BadRequest).ConfigureAwait(false);
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

        return await ReportPageAsync(context, vault, id, problem is null ? StaffPage.Message(done, "ok") : StaffPage.Message(problem),
            problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest).ConfigureAwait(false);
    }

    private static string? Clip(string? value) =>
        value?.Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, WhistleblowDialog.MaxTextLength)] : null;

    private static string Channel(ReportChannel channel) => channel switch
    {
        ReportChannel.Line => "LINE",
        ReportChannel.Web => "เว็บไซต์",
        ReportChannel.WalkIn => "ด้วยตนเอง",
        ReportChannel.Letter => "หนังสือ",
        _ => "โทรศัพท์",
    };

    private static string IdentityState(IdentityRequestState state) => state switch
    {
        IdentityRequestState.Pending => "รอเจ้าหน้าที่อีกคนพิจารณา",
        IdentityRequestState.Approved => "อนุมัติแล้ว",
        _ => "ไม่อนุมัติ",
    };
}
