using System.Net;
using System.Security.Cryptography;
using System.Buffers.Text;
using System.Text;
using ItaBot.Agencies;
using ItaBot.Content;
using ItaBot.Staff;
using ItaBot.Vault;
using ItaBot.Whistleblowing.Pages;
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

    public const string FormTitle = "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ";

    public static void Map(IEndpointRouteBuilder app)
    {
        ReportPage.Style.Map(app);
        app.MapGet(Path, (ContentPackProvider content) => Form(content, null, null));
        app.MapPost(Path, SubmitAsync).DisableAntiforgery();
        app.MapGet(Path + "/follow-up", () => ReceiptForm(null));
        app.MapPost(Path + "/follow-up", FollowUpAsync).DisableAntiforgery();
        app.MapGet(Path + "/manual", (ContentPackProvider content) => ReportPage.Page<ManualPage, Agency>(content.Current.Agency));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, ContentPackProvider content, AgencyVaults vaults, IProtectedEvidence evidence,
        IOptions<WhistleblowingOptions> options, Notifications.ProtectedReportNotifications notifications, Storage.IStoreMaintenance store)
    {
        var vault = vaults.Current;
        var maxFileBytes = options.Value.MaxFileBytes;
        var read = await ProtectedForms.ReadAsync(context, MaxFiles, maxFileBytes).ConfigureAwait(false);
        var form = read.Form;
        string? Field(string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v[..Math.Min(v.Length, WhistleblowDialog.MaxTextLength)] : null;
        var what = Field("what");
        string? error = null;
        if (read.Problem == FormProblem.TooLarge)
        {
            return Form(content, form, WhistleTexts.FormTooLarge(MaxFiles, maxFileBytes), StatusCodes.Status413PayloadTooLarge);
        }

        if (read.Problem == FormProblem.NotAForm)
        {
            return Form(content, form, WhistleTexts.FormUnreadable, StatusCodes.Status400BadRequest);
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
            return Form(content, form, error, StatusCodes.Status400BadRequest);
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
        return ReportPage.Page<ReportReceivedPage, ReceivedModel>(new(submission.Number, submission.Receipt));
    }

    private static async Task<IResult> FollowUpAsync(HttpContext context, AgencyVaults vaults, WhistleSessions sessions, IProtectedEvidence evidence,
        IOptions<WhistleblowingOptions> options)
    {
        var vault = vaults.Current;
        var read = await ProtectedForms.ReadAsync(context, MaxFiles, options.Value.MaxFileBytes).ConfigureAwait(false);
        var form = read.Form;
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
                        return ReceiptForm(WhistleTexts.Busy, StatusCodes.Status503ServiceUnavailable);
                    }

                    key = added;
                    break;
                case ReceiptCheckStatus.Limited:
                    return ReceiptForm(WhistleTexts.ReceiptLimited(check.RetryAfter ?? TimeSpan.FromMinutes(15)), StatusCodes.Status429TooManyRequests);
                default:
                    return ReceiptForm(WhistleTexts.ReceiptWrong, StatusCodes.Status400BadRequest);
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
                return ReceiptForm(WhistleTexts.AccessExpired, StatusCodes.Status400BadRequest);
            }
        }
        else
        {
            return ReceiptForm(WhistleTexts.AccessExpired, StatusCodes.Status400BadRequest);
        }

        if (await vault.ReadAsReporterAsync(access).ConfigureAwait(false) is not { } view)
        {
            sessions.Remove(key);
            return ReceiptForm(WhistleTexts.AccessExpired, StatusCodes.Status400BadRequest);
        }

        return ReportPage.Page<FollowUpPage, FollowUpModel>(new(view, notice, key));
    }

    internal static string DescribeEvidence(IReadOnlyCollection<NewAttachment> attachments)
    {
        var photos = attachments.Count(a => a.ContentType.StartsWith("image/", StringComparison.Ordinal));
        return WhistleTexts.DescribeEvidence(photos, attachments.Count - photos);
    }

    /// <summary>The web's source token for wrong-receipt limits: a hash of the client address, in memory only.</summary>
    private static string SourceToken(HttpContext context) =>
        "web:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString())));

    private static IResult ReceiptForm(string? error, int statusCode = StatusCodes.Status200OK) =>
        ReportPage.Page<ReceiptFormPage, ReceiptFormModel>(new(error), statusCode);

    internal sealed record ReceiptFormModel(string? Error);

    internal sealed record ReceivedModel(string Number, string Receipt);

    /// <param name="Access">The vault's short-lived access handle, carried in a hidden field.</param>
    internal sealed record FollowUpModel(ReporterView View, string? Notice, string Access);

    /// <summary>The report form; <paramref name="Values"/> refills it after a refusal.</summary>
    internal sealed record FormModel(string UnitName, string Token, IFormCollection? Values, string? Error)
    {
        public string Value(string name) => Values?[name].ToString() ?? string.Empty;
    }

    public const string SubmissionField = "submission";

    /// <summary>A token this page handed out: 22 characters of base64url (128 bits from the CSPRNG).</summary>
    private static bool IsSubmissionToken(string token) =>
        token.Length == 22 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static IResult Form(ContentPackProvider content, IFormCollection? values, string? error, int statusCode = StatusCodes.Status200OK)
    {
        var previous = values?[SubmissionField].ToString() ?? string.Empty;
        var token = IsSubmissionToken(previous) ? previous : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return ReportPage.Page<ReportFormPage, FormModel>(new(content.Current.Agency.IntegrityUnit.Name, token, values, error), statusCode);
    }
}
