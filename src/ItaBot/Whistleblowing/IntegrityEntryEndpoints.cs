using ItaBot.Staff;
using ItaBot.Vault;
using ItaBot.Whistleblowing.Pages;

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

    internal static readonly (ReportChannel Channel, string Thai)[] Channels =
        [(ReportChannel.WalkIn, "มาแจ้งด้วยตนเอง"), (ReportChannel.Letter, "หนังสือ/จดหมาย"), (ReportChannel.Phone, "โทรศัพท์")];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/new", () => FormPage(null, null, StatusCodes.Status200OK));
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
            return FormPage(form, error, StatusCodes.Status400BadRequest);
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
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return StaffPage.Page<IntegritySlipPage, SlipModel>(new(submission.ReportId, submission.Number, submission.Receipt, thai, DateTime.SpecifyKind(now, DateTimeKind.Utc)));
    }

    /// <summary>The form, with what was typed and the problem when it comes back.</summary>
    internal sealed record FormModel(IFormCollection? Values, string? Error);

    /// <summary>The printable slip: the receipt is shown here once and kept nowhere.</summary>
    internal sealed record SlipModel(string ReportId, string Number, string Receipt, string Channel, DateTime At);

    private static IResult FormPage(IFormCollection? values, string? error, int statusCode) =>
        StaffPage.Page<IntegrityEntryPage, FormModel>(new(values, error), statusCode);
}
