using ItaBot.Staff;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>
/// /staff/integrity/new: an integrity officer types in a report that came on foot, by letter or by phone, with the same
/// fields as the web form and its files. The vault files it with that channel and the officer as <c>EnteredBy</c>; the
/// receipt is shown once, on a printable slip to hand to the reporter (the page is never cached). Reached only through
/// the integrity group's filter: 404 for anyone but an integrity officer.
/// </summary>
internal static class IntegrityEntryEndpoints
{
    public const string NewPath = IntegrityEndpoints.Path + "/new";

    private static readonly (ReportChannel Channel, string Thai)[] Channels =
        [(ReportChannel.WalkIn, "มาแจ้งด้วยตนเอง"), (ReportChannel.Letter, "หนังสือ/จดหมาย"), (ReportChannel.Phone, "โทรศัพท์")];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/new", (HttpContext context) => FormPage(context, null, null, StatusCodes.Status200OK));
        group.MapPost("/new", SubmitAsync);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, AgencyVaults vaults, IProtectedEvidence evidence,
        Microsoft.Extensions.Options.IOptions<WhistleblowingOptions> options, Notifications.ProtectedReportNotifications notifications, Storage.IStoreMaintenance store)
    {
        var vault = vaults.Current;
        if (await IntegrityEndpoints.FormAsync(context).ConfigureAwait(false) is not { } form)
        {
            return Results.BadRequest();
        }

        string? Field(string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, WhistleblowDialog.MaxTextLength)] : null;
        var channel = Channels.FirstOrDefault(c => string.Equals(c.Channel.ToString(), form["channel"], StringComparison.Ordinal)).Channel;
        string? error = null;
        if (channel is not (ReportChannel.WalkIn or ReportChannel.Letter or ReportChannel.Phone))
        {
            error = "กรุณาเลือกช่องทางที่รับเรื่องค่ะ";
        }
        else if (Field("what") is null)
        {
            error = "กรุณากรอกเหตุการณ์ที่ผู้แจ้งเล่าค่ะ";
        }
        else if (context.Features.Get<ProtectedFormRead>() is { Problem: FormProblem.TooLarge })
        {
            error = WhistleTexts.FormTooLarge(ReportEndpoints.MaxFiles, options.Value.MaxFileBytes);
        }

        List<NewAttachment> attachments = [];
        if (error is null)
        {
            (attachments, error) = await EvidenceForms.ReadAsync(evidence, form.Files, options.Value.MaxFileBytes, context.RequestAborted).ConfigureAwait(false);
        }

        if (error is not null)
        {
            return FormPage(context, form, error, StatusCodes.Status400BadRequest);
        }

        var identity = form["identity"] == "contact" && (Field("name") ?? Field("phone") ?? Field("email")) is not null
            ? new ReporterIdentity(Field("name"), Field("phone"), Field("email"))
            : null;
        var officer = context.User.Id();
        var submission = await vault.SubmitAsync(new NewReport(
            channel,
            new ReportContent(Field("what")!, Field("officials"), Field("unit"), Field("when"), Field("where"),
                attachments.Count == 0 ? null : ReportEndpoints.DescribeEvidence(attachments)),
            identity,
            attachments,
            NotifierLineUserId: null,
            EnteredBy: officer)).ConfigureAwait(false);
        try
        {
            await notifications.NotifyAsync(submission.ReportId).ConfigureAwait(false);
        }
        catch (Exception ex) when (store.IsStoreFailure(ex) || ex is ObjectDisposedException or IOException)
        {
            // Filed; the other officers find it in their list.
        }

        var thai = Channels.First(c => c.Channel == channel).Thai;
        return StaffPage.Render(context, "บันทึกเบาะแสแล้ว", Html.Of($"""
            {StaffPage.Message("บันทึกเบาะแสในระบบแล้วค่ะ รหัสติดตามแสดงครั้งเดียวในหน้านี้ ระบบไม่เก็บรหัสไว้ กรุณาพิมพ์หรือจดให้ผู้แจ้งก่อนปิดหน้า", "ok")}
            <section class="box slip">
            <h2>ใบรับแจ้งเบาะแสการทุจริตและประพฤติมิชอบ</h2>
            <dl class="case">
            <dt>เลขที่เรื่อง</dt><dd><strong>{submission.Number}</strong></dd>
            <dt>รับเรื่องทาง</dt><dd>{thai}</dd>
            <dt>วันที่รับ</dt><dd>{ThaiTime.DateAndTime(DateTime.SpecifyKind(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, DateTimeKind.Utc))}</dd>
            <dt>รหัสติดตาม</dt><dd class="code">{submission.Receipt}</dd>
            </dl>
            <p>เก็บรหัสติดตามนี้ไว้ในที่ปลอดภัย ไม่มีใครออกรหัสให้ใหม่ได้ ใช้ดูสถานะ ตอบคำถามเจ้าหน้าที่ และส่งหลักฐานเพิ่ม
            ได้ที่หน้าเว็บ "ติดตามเบาะแส" (/report/follow-up) หรือพิมพ์ "ติดตามเบาะแส" ใน LINE ของเทศบาล โดยไม่ต้องเปิดเผยตัวตน</p>
            <p>เทศบาลจะรับเรื่องภายใน 1 วันทำการ และแจ้งผลภายใน 15 วันทำการค่ะ</p>
            </section>
            <p class="noprint"><a href="{IntegrityEndpoints.Path}/{submission.ReportId}">เปิดเรื่องนี้</a> · <a href="{NewPath}">บันทึกเรื่องใหม่</a> · <a href="{IntegrityEndpoints.Path}">รายการเบาะแส</a></p>
            """));
    }

    private static IResult FormPage(HttpContext context, IFormCollection? values, string? error, int statusCode)
    {
        string V(string name) => values?[name].ToString() ?? string.Empty;
        var contact = V("identity") == "contact";
        var channels = Channels.Select(c => Html.Of($"""
            <option value="{c.Channel.ToString()}"{(V("channel") == c.Channel.ToString() ? new Html(" selected") : Html.Empty)}>{c.Thai}</option>
            """));
        return StaffPage.Render(context, "บันทึกเบาะแสที่รับด้วยตนเอง หนังสือ หรือโทรศัพท์", Html.Of($"""
            {StaffPage.Message(error)}
            <p><a href="{IntegrityEndpoints.Path}">← รายการเบาะแส</a></p>
            <form class="box" method="post" action="{NewPath}" enctype="multipart/form-data">{StaffPage.Antiforgery(context)}
            <label for="channel">รับเรื่องทาง</label><select id="channel" name="channel">{Html.Join(channels)}</select>
            <label for="officials">เจ้าหน้าที่ที่ถูกแจ้ง (ชื่อ หรือตำแหน่ง)</label><input id="officials" name="officials" maxlength="3000" value="{V("officials")}">
            <label for="unit">หน่วยงาน/กอง</label><input id="unit" name="unit" maxlength="3000" value="{V("unit")}">
            <label for="what">เหตุการณ์ (จำเป็น)</label><textarea id="what" name="what" maxlength="3000" required>{V("what")}</textarea>
            <label for="when">เมื่อไร</label><input id="when" name="when" maxlength="3000" value="{V("when")}">
            <label for="where">ที่ไหน</label><input id="where" name="where" maxlength="3000" value="{V("where")}">
            <label for="files">หลักฐานที่ผู้แจ้งให้มา: รูปถ่าย หรือเอกสาร PDF, Word, Excel (ไม่เกิน {ReportEndpoints.MaxFiles} ไฟล์)</label>
            <input id="files" name="files" type="file" accept="{ReportEndpoints.Accept}" multiple>
            <fieldset><legend>ผู้แจ้ง</legend>
            <label><input type="radio" name="identity" value="anonymous"{(contact ? Html.Empty : new Html(" checked"))}> ไม่ระบุตัวตน</label>
            <label><input type="radio" name="identity" value="contact"{(contact ? new Html(" checked") : Html.Empty)}> ให้ชื่อและช่องทางติดต่อ (เข้ารหัสแยก เปิดได้เมื่อเจ้าหน้าที่อีกคนอนุมัติ)</label>
            <label for="name">ชื่อ</label><input id="name" name="name" maxlength="200" autocomplete="off" value="{V("name")}">
            <label for="phone">โทรศัพท์</label><input id="phone" name="phone" maxlength="50" autocomplete="off" value="{V("phone")}">
            <label for="email">อีเมล</label><input id="email" name="email" maxlength="200" autocomplete="off" value="{V("email")}">
            </fieldset>
            <button type="submit">บันทึกและออกรหัสติดตาม</button>
            </form>
            """), statusCode);
    }
}
