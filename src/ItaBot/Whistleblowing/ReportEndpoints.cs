using System.Net;
using System.Security.Cryptography;
using System.Buffers.Text;
using System.Text;
using ItaBot.Content;
using ItaBot.Staff;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Whistleblowing;

/// <summary>
/// /report: the protected channel on the web (measure 8.2) and /report/manual (measure 8.1). Works without script;
/// sets no cookie, so there is no ambient authority for a cross-site request to borrow: an anonymous submit needs
/// no CSRF token (a forged one files a report the forger could have filed), and the follow-up's steps carry the
/// vault's short-lived access handle in a hidden field (POST only, never in a URL or cookie), which another site
/// cannot read. Nothing about the request (address, user agent) is logged or stored; the client address is used
/// only in memory, hashed, as the vault's source token for wrong-receipt limits.
/// </summary>
internal static class ReportEndpoints
{
    public const string Path = "/report";
    public const int MaxFiles = 5;

    /// <summary>What the file inputs offer; the server decides by the bytes (<see cref="EvidenceSniffer"/>), not by this.</summary>
    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods";

    private const string FormTitle = "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(ReportPage.StylePath, () => ReportPage.Style());
        app.MapGet(Path, (ContentPackProvider content) => ReportPage.Render(FormTitle, Form(content, null, null)));
        app.MapPost(Path, SubmitAsync).DisableAntiforgery();
        app.MapGet(Path + "/follow-up", () => ReportPage.Render("ติดตามเบาะแส", ReceiptForm(null)));
        app.MapPost(Path + "/follow-up", FollowUpAsync).DisableAntiforgery();
        app.MapGet(Path + "/manual", (ContentPackProvider content) => ReportPage.Render("คู่มือการแจ้งเบาะแสการทุจริตและประพฤติมิชอบ", Manual(content)));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, ContentPackProvider content, ProtectedReports vault, IProtectedEvidence evidence,
        IOptions<WhistleblowingOptions> options, Notifications.ProtectedReportNotifications notifications, Storage.IStoreMaintenance store)
    {
        var maxFileBytes = options.Value.MaxFileBytes;
        var read = await ProtectedForms.ReadAsync(context, MaxFiles, maxFileBytes).ConfigureAwait(false);
        var form = read.Form;
        string? Field(string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, WhistleblowDialog.MaxTextLength)] : null;
        var what = Field("what");
        string? error = null;
        if (read.Problem == FormProblem.TooLarge)
        {
            return ReportPage.Render(FormTitle, Form(content, form, WhistleTexts.FormTooLarge(MaxFiles, maxFileBytes)), StatusCodes.Status413PayloadTooLarge);
        }

        if (read.Problem == FormProblem.NotAForm)
        {
            return ReportPage.Render(FormTitle, Form(content, form, WhistleTexts.FormUnreadable), StatusCodes.Status400BadRequest);
        }

        if (what is null)
        {
            error = "กรุณาเล่าเหตุการณ์ที่พบค่ะ";
        }
        else if (form["consent"] != "yes")
        {
            error = "กรุณายืนยันว่าได้อ่านและยินยอมก่อนส่งค่ะ";
        }

        List<NewAttachment> attachments = [];
        if (error is null)
        {
            (attachments, error) = await EvidenceForms.ReadAsync(evidence, form.Files, maxFileBytes, context.RequestAborted).ConfigureAwait(false);
        }

        if (error is not null)
        {
            return ReportPage.Render(FormTitle, Form(content, form, error), StatusCodes.Status400BadRequest);
        }

        var identity = form["identity"] == "contact" && (Field("name") ?? Field("phone") ?? Field("email")) is not null
            ? new ReporterIdentity(Field("name"), Field("phone"), Field("email"))
            : null;
        var report = new NewReport(
            ReportChannel.Web,
            new ReportContent(what!, Field("officials"), Field("unit"), Field("when"), Field("where"), attachments.Count == 0 ? null : DescribeEvidence(attachments)),
            identity,
            attachments);
        // The page's one-time token: a resubmission (the answer was lost, the reporter pressed send again) gets the first
        // receipt back instead of filing twice. The vault keeps that receipt sealed for a day at most.
        var token = form[SubmissionField].ToString();
        var key = IsSubmissionToken(token) ? "web:" + token : null;
        var submission = key is null ? null : await vault.FindPendingSubmissionAsync(key).ConfigureAwait(false);
        if (submission is null)
        {
            submission = key is null
                ? await vault.SubmitAsync(report).ConfigureAwait(false)
                : await vault.SubmitOnceAsync(report, key).ConfigureAwait(false);
            try
            {
                await notifications.NotifyAsync(submission.ReportId).ConfigureAwait(false);
            }
            catch (Exception ex) when (store.IsStoreFailure(ex) || ex is ObjectDisposedException or IOException)
            {
                // The report is filed and its receipt must reach the reporter; officers still find it in their list.
            }
        }
        return ReportPage.Render("ส่งเบาะแสเรียบร้อยแล้ว", Html.Of($"""
            <section class="box">
            <p class="msg ok">เทศบาลได้รับเบาะแสของคุณแล้วค่ะ เลขที่เรื่อง <strong>{submission.Number}</strong></p>
            <h2>รหัสติดตามของคุณ</h2>
            <p class="receipt">{submission.Receipt}</p>
            <p><strong>รหัสนี้แสดงครั้งเดียวเท่านั้น</strong> ระบบไม่เก็บรหัสไว้ และไม่มีใครส่งให้ใหม่ได้ กรุณาจดหรือพิมพ์หน้านี้เก็บไว้ในที่ปลอดภัยค่ะ</p>
            <p>ใช้รหัสนี้ที่หน้า <a href="/report/follow-up">ติดตามเบาะแส</a> หรือพิมพ์ "ติดตามเบาะแส" ใน LINE ของเทศบาล เพื่อดูสถานะ ตอบคำถามเจ้าหน้าที่ และส่งหลักฐานเพิ่ม
            เทศบาลจะรับเรื่องภายใน 1 วันทำการ และแจ้งผลภายใน 15 วันทำการค่ะ</p>
            </section>
            """));
    }

    private static async Task<IResult> FollowUpAsync(HttpContext context, ProtectedReports vault, WhistleSessions sessions, IProtectedEvidence evidence,
        IOptions<WhistleblowingOptions> options)
    {
        var read = await ProtectedForms.ReadAsync(context, MaxFiles, options.Value.MaxFileBytes).ConfigureAwait(false);
        var form = read.Form;
        const string title = "ติดตามเบาะแส";
        string? notice = null;
        ReporterAccess? access;
        var key = form["access"].ToString();
        if (form["receipt"].ToString() is { Length: > 0 } receipt)
        {
            var check = await vault.CheckReceiptAsync(receipt, SourceToken(context), context.RequestAborted).ConfigureAwait(false);
            switch (check.Status)
            {
                case ReceiptCheckStatus.Accepted:
                    access = check.Access!;
                    if (sessions.AddAccess(access) is not { } added)
                    {
                        vault.EndAccess(access);
                        return ReportPage.Render(title, ReceiptForm(WhistleTexts.Busy), StatusCodes.Status503ServiceUnavailable);
                    }

                    key = added;
                    break;
                case ReceiptCheckStatus.Limited:
                    return ReportPage.Render(title, ReceiptForm(WhistleTexts.ReceiptLimited(check.RetryAfter ?? TimeSpan.FromMinutes(15))), StatusCodes.Status429TooManyRequests);
                default:
                    return ReportPage.Render(title, ReceiptForm(WhistleTexts.ReceiptWrong), StatusCodes.Status400BadRequest);
            }
        }
        else if (sessions.Access(key) is { } held)
        {
            access = held;
            var ok = true;
            if (form["reply"].ToString().Trim() is { Length: > 0 } reply)
            {
                ok = await vault.ReplyAsReporterAsync(access, reply[..Math.Min(reply.Length, WhistleblowDialog.MaxTextLength)]).ConfigureAwait(false);
                notice = WhistleTexts.ReplySent;
            }

            foreach (var file in form.Files.Where(f => f.Length > 0 && f.Length <= options.Value.MaxFileBytes).Take(MaxFiles))
            {
                using var stream = new MemoryStream();
                await file.CopyToAsync(stream, context.RequestAborted).ConfigureAwait(false);
                var received = await evidence.FromBytesAsync(stream.ToArray(), context.RequestAborted).ConfigureAwait(false);
                if (received.Attachment is { } attachment)
                {
                    ok &= await vault.AddEvidenceAsReporterAsync(access, attachment).ConfigureAwait(false);
                    notice = "เพิ่มหลักฐานแล้วค่ะ";
                }
                else
                {
                    notice = received.ThaiRefusal;
                }
            }

            if (read.Problem == FormProblem.TooLarge)
            {
                notice = WhistleTexts.FileTooLarge(options.Value.MaxFileBytes);
            }

            if (!ok)
            {
                return ReportPage.Render(title, ReceiptForm(WhistleTexts.AccessExpired), StatusCodes.Status400BadRequest);
            }
        }
        else
        {
            return ReportPage.Render(title, ReceiptForm(WhistleTexts.AccessExpired), StatusCodes.Status400BadRequest);
        }

        if (await vault.ReadAsReporterAsync(access).ConfigureAwait(false) is not { } view)
        {
            sessions.Remove(key);
            return ReportPage.Render(title, ReceiptForm(WhistleTexts.AccessExpired), StatusCodes.Status400BadRequest);
        }

        var messages = view.Messages.Select(m => Html.Of($"""
            <li><strong>{(m.Direction == MessageDirection.ToReporter ? "เจ้าหน้าที่" : "คุณ")}</strong> <span class="hint">{ThaiTime.DateAndTime(m.At.UtcDateTime)}</span><div class="text">{m.Text}</div></li>
            """));
        return ReportPage.Render(title, Html.Of($"""
            {(notice is null ? Html.Empty : Html.Of($"""<p class="msg ok" role="status">{notice}</p>"""))}
            <section class="box">
            <p>เบาะแสเลขที่ <strong>{view.Number}</strong></p>
            <p>สถานะ: <strong>{view.Status.Thai()}</strong>{(view.Outcome is { } o ? " (" + o.Thai() + ")" : string.Empty)}</p>
            <p>แจ้งเมื่อ {ThaiTime.Date(view.CreatedAt.UtcDateTime)} · กำหนดแจ้งผล {ThaiTime.Deadline(view.AnswerBy.UtcDateTime)}</p>
            <p>หลักฐานที่ส่งแล้ว: {view.AttachmentNames.Count} ไฟล์</p>
            <h2>ข้อความ</h2>
            {(view.Messages.Count == 0 ? Html.Of($"<p class=\"hint\">ยังไม่มีข้อความจากเจ้าหน้าที่ค่ะ</p>") : Html.Of($"<ol class=\"messages\">{messages}</ol>"))}
            </section>
            <form class="box" method="post" action="/report/follow-up" enctype="multipart/form-data">
            <input type="hidden" name="access" value="{key}">
            <label for="reply">ตอบเจ้าหน้าที่ หรือเพิ่มข้อมูล</label>
            <textarea id="reply" name="reply" maxlength="3000"></textarea>
            <label for="files">ส่งหลักฐานเพิ่ม: รูปถ่าย หรือเอกสาร PDF, Word, Excel (ไม่เกิน {MaxFiles} ไฟล์)</label>
            <input id="files" name="files" type="file" accept="{Accept}" multiple>
            <button type="submit">ส่ง</button>
            </form>
            <p class="hint">หน้านี้ใช้ได้ 20 นาที เมื่อปิดหน้าแล้วใช้รหัสติดตามเปิดใหม่ได้ค่ะ</p>
            """));
    }

    internal static string DescribeEvidence(IReadOnlyCollection<NewAttachment> attachments)
    {
        var photos = attachments.Count(a => a.ContentType.StartsWith("image/", StringComparison.Ordinal));
        return WhistleTexts.DescribeEvidence(photos, attachments.Count - photos);
    }

    /// <summary>The web's source token for wrong-receipt limits: a hash of the client address, in memory only.</summary>
    private static string SourceToken(HttpContext context) =>
        "web:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString())));

    private static Html ReceiptForm(string? error) => Html.Of($"""
        {(error is null ? Html.Empty : Html.Of($"""<p class="msg error" role="alert">{error}</p>"""))}
        <form class="box" method="post" action="/report/follow-up">
        <label for="receipt">รหัสติดตาม 20 หลัก</label>
        <input id="receipt" name="receipt" inputmode="numeric" autocomplete="off" required>
        <p class="hint">รหัสที่ได้รับตอนส่งเบาะแส (ทาง LINE หรือหน้าเว็บนี้)</p>
        <button type="submit">ดูสถานะ</button>
        </form>
        """);

    private const string SubmissionField = "submission";

    /// <summary>A token this page handed out: 22 characters of base64url (128 bits from the CSPRNG).</summary>
    private static bool IsSubmissionToken(string token) =>
        token.Length == 22 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static Html Form(ContentPackProvider content, IFormCollection? values, string? error)
    {
        string V(string name) => values?[name].ToString() ?? string.Empty;
        var token = IsSubmissionToken(V(SubmissionField)) ? V(SubmissionField) : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var contact = V("identity") == "contact";
        return Html.Of($"""
            <section class="box">
            <p><strong>การคุ้มครองผู้แจ้ง:</strong> เบาะแสถูกเข้ารหัสและเปิดอ่านได้เฉพาะเจ้าหน้าที่{content.Current.Agency.IntegrityUnit.Name} ไม่ต้องบอกชื่อก็แจ้งได้
            ระบบไม่บันทึกหมายเลข IP หรือข้อมูลเบราว์เซอร์ของคุณ และหน้านี้ไม่ใช้คุกกี้ หากให้ชื่อไว้ ข้อมูลนี้เก็บแยกและเปิดได้เมื่อเจ้าหน้าที่สองคนอนุมัติพร้อมเหตุผลเท่านั้นค่ะ</p>
            <p><strong>เบาะแสที่ดีควรมี:</strong> ใคร (ชื่อหรือตำแหน่ง หน่วยงาน) ทำอะไร เมื่อไร ที่ไหน และหลักฐาน
            เทศบาลจะรับเรื่องภายใน 1 วันทำการ และแจ้งผลภายใน 15 วันทำการ <a href="/report/manual">อ่านคู่มือ</a></p>
            </section>
            {(error is null ? Html.Empty : Html.Of($"""<p class="msg error" role="alert">{error}</p>"""))}
            <form class="box" method="post" action="/report" enctype="multipart/form-data">
            <input type="hidden" name="{SubmissionField}" value="{token}">
            <label for="officials">เจ้าหน้าที่ที่เกี่ยวข้อง (ชื่อ หรือตำแหน่ง)</label>
            <input id="officials" name="officials" maxlength="3000" value="{V("officials")}">
            <label for="unit">หน่วยงาน/กอง</label>
            <input id="unit" name="unit" maxlength="3000" value="{V("unit")}">
            <label for="what">เกิดอะไรขึ้น (จำเป็น)</label>
            <textarea id="what" name="what" maxlength="3000" required>{V("what")}</textarea>
            <label for="when">เมื่อไร</label>
            <input id="when" name="when" maxlength="3000" value="{V("when")}">
            <label for="where">ที่ไหน</label>
            <input id="where" name="where" maxlength="3000" value="{V("where")}">
            <fieldset>
            <legend>ผู้แจ้ง</legend>
            <label class="check"><input type="radio" name="identity" value="anonymous"{(contact ? Html.Empty : new Html(" checked"))}> ไม่ระบุตัวตน</label>
            <label class="check"><input type="radio" name="identity" value="contact"{(contact ? new Html(" checked") : Html.Empty)}> ให้ชื่อและช่องทางติดต่อ (กรอกด้านล่าง)</label>
            <label for="name">ชื่อ</label>
            <input id="name" name="name" maxlength="200" autocomplete="off" value="{V("name")}">
            <label for="phone">โทรศัพท์</label>
            <input id="phone" name="phone" maxlength="50" autocomplete="off" value="{V("phone")}">
            <label for="email">อีเมล</label>
            <input id="email" name="email" maxlength="200" autocomplete="off" value="{V("email")}">
            </fieldset>
            <label class="check"><input type="checkbox" name="consent" value="yes" required> ข้าพเจ้าอ่านการคุ้มครองผู้แจ้งแล้ว และยืนยันว่าข้อมูลเป็นความจริงตามที่ทราบ</label>
            <label for="files">หลักฐาน: รูปถ่าย หรือเอกสาร PDF, Word, Excel (ไม่เกิน {MaxFiles} ไฟล์; ระบบลบข้อมูลตำแหน่งและรุ่นกล้องออกจากสำเนารูปที่เจ้าหน้าที่เปิดดู)</label>
            <input id="files" name="files" type="file" accept="{Accept}" multiple>
            <p class="hint">การเก็บและใช้ข้อมูลส่วนบุคคล: <a href="/privacy">ประกาศความเป็นส่วนตัว</a></p>
            <button type="submit">ส่งเบาะแส</button>
            </form>
            """);
    }

    private static Html Manual(ContentPackProvider content)
    {
        var agency = content.Current.Agency;
        var unit = agency.IntegrityUnit;
        return Html.Of($"""
            <section class="box">
            <p>{agency.Name} เปิดช่องทางรับแจ้งเบาะแสการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ แยกจากเรื่องร้องเรียนทั่วไป และคุ้มครองข้อมูลผู้แจ้งค่ะ</p>
            <h2>1. เรื่องที่แจ้งได้</h2>
            <p>การเรียกรับเงินหรือผลประโยชน์ การใช้ตำแหน่งหน้าที่โดยมิชอบ การจัดซื้อจัดจ้างที่ไม่โปร่งใส การเบียดบังทรัพย์สินของทางราชการ
            การเลือกปฏิบัติ และการประพฤติมิชอบอื่นของเจ้าหน้าที่เทศบาล (เรื่องบริการทั่วไป เช่น ไฟถนน ขยะ แจ้งทางช่องทางร้องเรียนทั่วไปค่ะ)</p>
            <h2>2. ข้อมูลที่ควรมี</h2>
            <ul>
            <li>ใคร: ชื่อหรือตำแหน่งของเจ้าหน้าที่ และหน่วยงาน/กอง</li>
            <li>ทำอะไร: เหตุการณ์ที่พบ</li>
            <li>เมื่อไรและที่ไหน</li>
            <li>หลักฐาน: รูปถ่าย เอกสาร หรือพยาน (ถ้ามี)</li>
            </ul>
            <h2>3. ช่องทางแจ้ง</h2>
            <ul>
            <li>เว็บไซต์: หน้า "แจ้งเบาะแสการทุจริต" ของเทศบาล (/report) ไม่ต้องลงชื่อ</li>
            <li>LINE {agency.LineOaId}: เมนู "แจ้งเบาะแสการทุจริต"</li>
            <li>ด้วยตนเอง หนังสือ หรือโทรศัพท์: {unit.Name} โทร {unit.Phone}{(unit.Email is null ? string.Empty : " อีเมล " + unit.Email)}</li>
            </ul>
            <h2>4. ผู้รับเรื่อง</h2>
            <p>{unit.Name} {unit.Note} มีเพียงเจ้าหน้าที่ของศูนย์ฯ ที่ได้รับมอบหมายเท่านั้นที่เปิดอ่านเบาะแสได้ และทุกการเปิดอ่านถูกบันทึกไว้ตรวจสอบ</p>
            <h2>5. ระยะเวลา</h2>
            <p>รับเรื่องภายใน 1 วันทำการ แจ้งผลการพิจารณาภายใน 15 วันทำการ หากต้องใช้เวลามากกว่านั้นจะแจ้งความคืบหน้าผ่านรหัสติดตามค่ะ</p>
            <h2>6. การคุ้มครองผู้แจ้ง</h2>
            <p>แจ้งโดยไม่ระบุชื่อได้ ข้อมูลถูกเข้ารหัส ระบบไม่เก็บบัญชี LINE หมายเลข IP หรือข้อมูลเบราว์เซอร์ของผู้แจ้ง
            ผู้แจ้งได้รับรหัสติดตามเพียงครั้งเดียว ใช้ดูสถานะ ตอบคำถามเจ้าหน้าที่ และส่งหลักฐานเพิ่มได้โดยไม่ต้องเปิดเผยตัวตน
            หากผู้แจ้งให้ชื่อไว้ ข้อมูลนี้เก็บแยก และเปิดได้เมื่อมีเหตุผลและเจ้าหน้าที่อีกคนอนุมัติเท่านั้น</p>
            <p><a href="/report">ไปหน้าแจ้งเบาะแส</a></p>
            </section>
            """);
    }
}
