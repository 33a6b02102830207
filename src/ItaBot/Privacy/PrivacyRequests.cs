using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Agencies;
using ItaBot.Cases;
using ItaBot.Conversations;
using ItaBot.Line.Messages;
using ItaBot.Media;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>What a staff decision came to.</summary>
internal enum PrivacyDecisionOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
    /// <summary>An erasure that cannot be done while the person has an open case: refuse it with the reason, or wait.</summary>
    BlockedByOpenCase,
    Invalid,
}

internal sealed record PrivacyDecision(PrivacyDecisionOutcome Outcome, PrivacyRequest? Request, IReadOnlyList<string>? OpenCases = null);

/// <summary>
/// Data-subject requests (PDPA sections 30–36) in "privacy_requests": recorded from LINE or by staff for a person at the
/// office, decided by staff within the deadline, every step in the request's own log, the citizen told in LINE either
/// way. Reaches only the general-complaint side (cases, handovers, conversation state, notifications): the vault has no
/// LINE ids and is never asked, so nothing about a protected report or its reporter can come out of a request.
/// </summary>
internal sealed class PrivacyRequests(
    IPrivacyStore store,
    IStoreWriter writer,
    CaseService cases,
    INotificationStore notifications,
    IQaStore qa,
    IConversationStateStore conversations,
    IPhotoStore photos,
    NotificationDispatcher dispatcher,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    AgencyDirectory? agencies = null)
{
    public const string CitizenActor = "citizen";

    private DateTime Now => CaseTimes.Truncate(time.GetUtcNow().UtcDateTime);

    /// <summary>Records a request at once (staff at the office, commands); an access request from LINE is answered at once and recorded as completed.</summary>
    public async Task<PrivacyRequest> CreateAsync(PrivacyRequestKind kind, string? lineUserId, string? name, string? phone, string? detail, string actor)
    {
        var (request, write) = Prepare(kind, lineUserId, name, phone, detail, actor);
        await writer.WriteAsync(write).ConfigureAwait(false);
        return request;
    }

    /// <summary>
    /// A request made in a LINE turn: numbered now so the reply can show it, stored by <c>Write</c> in the turn's commit,
    /// so a turn that fails and runs again records it once (a number whose turn never commits is skipped, as for cases).
    /// </summary>
    public (PrivacyRequest Request, Action<IUnitOfWork> Write) Prepare(PrivacyRequestKind kind, string? lineUserId, string? name, string? phone, string? detail, string actor)
    {
        var now = Now;
        var automatic = kind == PrivacyRequestKind.Access && lineUserId is not null;
        var year = CaseNumbers.FiscalYear(now) % 100;
        var request = new PrivacyRequest
        {
            Id = RecordId.New(time),
            Number = string.Create(CultureInfo.InvariantCulture, $"PD{year:D2}-{store.ReserveSequence(year):D4}"),
            Kind = kind,
            InPerson = lineUserId is null,
            LineUserId = lineUserId,
            RequesterName = name,
            RequesterPhone = phone is null ? null : PhoneNumbers.Normalise(phone) ?? phone,
            Detail = detail,
            ReceivedAt = now,
            DueAt = now.AddDays(options.Value.RequestDeadlineDays),
            Status = automatic ? PrivacyRequestStatus.Completed : PrivacyRequestStatus.Pending,
            DecidedAt = automatic ? now : null,
            DecidedBy = automatic ? "system" : null,
            Log = automatic
                ? [new(now, actor, "รับคำขอ"), new(now, "system", "ส่งสรุปข้อมูลและลิงก์สำเนาในแชททันที")]
                : [new(now, actor, "รับคำขอ")],
        };
        return (request, work => store.AddRequest(work, request, year));
    }

    public PrivacyRequest? Find(string id) => store.FindRequest(id);

    public IReadOnlyList<PrivacyRequest> List(PrivacyRequestStatus? status = null, int limit = 200) => store.ListRequests(status, limit);

    public IReadOnlyList<PrivacyRequest> ListBetween(DateTime fromUtc, DateTime toUtc) => store.ListRequestsBetween(fromUtc, toUtc);

    /// <summary>The person's data, gathered the same way for the chat summary, the copy and the staff page.</summary>
    public CitizenData Gather(string? lineUserId, string? phone) => new(
        cases.ListForSubject(lineUserId, phone),
        lineUserId is null ? [] : qa.ListHandoversFor(lineUserId),
        lineUserId is null ? [] : store.ListRequestsOf(lineUserId),
        Now);

    public CitizenData Gather(PrivacyRequest request) => Gather(request.LineUserId, request.RequesterPhone);

    /// <summary>A one-time link to the copy (JSON and CSV in a zip) that works for <see cref="PrivacyOptions.CopyLinkLifetime"/>, stored by <c>Write</c> in the turn's commit.</summary>
    public (Uri Url, Action<IUnitOfWork> Write) PrepareCopyLink(string lineUserId, string requestId)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var link = new PrivacyCopyLink(Hash(token), lineUserId, requestId, Now.Add(options.Value.CopyLinkLifetime));
        return (new Uri(options.Value.PublicBaseUrl, AgencyPages.Path("/privacy/copy/" + token)), work => store.AddCopyLink(work, link));
    }

    /// <summary>Takes a copy link once: the person's data, or null when the link is unknown, used or expired.</summary>
    public async Task<CitizenData?> RedeemCopyLinkAsync(string token)
    {
        if (token.Length != 48)
        {
            return null;
        }

        var now = Now;
        var id = Hash(token);
        var lineUserId = await writer.WriteAsync(work =>
        {
            if (store.TakeCopyLink(work, id, now) is not { } link)
            {
                return null;
            }

            if (store.FindRequest(work, link.RequestId) is { } r)
            {
                store.UpdateRequest(work, r with { Log = [.. r.Log, new(now, CitizenActor, "ดาวน์โหลดสำเนาข้อมูล (ลิงก์ใช้แล้ว)")] });
            }

            return link.LineUserId;
        }).ConfigureAwait(false);
        return lineUserId is null ? null : Gather(lineUserId, null);
    }

    /// <summary>
    /// Staff decide: <paramref name="complete"/> true carries the request out (an erasure anonymises every closed case,
    /// answered handover and the conversation of the person; refused while a case is open), false refuses it with
    /// <paramref name="reason"/>. The citizen is told in LINE either way, in the same write.
    /// </summary>
    public async Task<PrivacyDecision> DecideAsync(string id, bool complete, string? reason, string staffId, string staffName)
    {
        if (Find(id) is not { } request)
        {
            return new(PrivacyDecisionOutcome.NotFound, null);
        }

        if (request.Status != PrivacyRequestStatus.Pending)
        {
            return new(PrivacyDecisionOutcome.AlreadyDecided, request);
        }

        if (!complete && string.IsNullOrWhiteSpace(reason))
        {
            return new(PrivacyDecisionOutcome.Invalid, request);
        }

        var subjectCases = cases.ListForSubject(request.LineUserId, request.RequesterPhone);
        // A case referred to another agency of the deployment goes on there: its copy is erased with it, and blocks while open.
        var referred = subjectCases.SelectMany(c => cases.ReferredCopies(c)).ToList();
        if (complete && request.Kind == PrivacyRequestKind.Erasure
            && subjectCases.Where(c => !c.Status.IsClosed()).Select(c => c.Number)
                .Concat(referred.Where(r => !r.Case.Status.IsClosed()).Select(r => $"{r.Case.Number} ({r.AgencyName})")).ToList() is { Count: > 0 } open)
        {
            return new(PrivacyDecisionOutcome.BlockedByOpenCase, request, open);
        }

        var now = Now;
        List<(string? Agency, string Id)> photoIds = [];
        string? notificationId = null;
        var decided = await writer.WriteAsync(work =>
        {
            var what = complete ? "ดำเนินการตามคำขอ" : "ปฏิเสธคำขอ: " + reason;
            if (complete && request.Kind == PrivacyRequestKind.Erasure)
            {
                foreach (var c in subjectCases)
                {
                    photoIds.AddRange(cases.Anonymise(work, c.Id, photosOnly: false).Select(p => ((string?)null, p)));
                }

                foreach (var copy in referred)
                {
                    using var there = AgencyContext.Enter(copy.AgencyId);
                    photoIds.AddRange(cases.Anonymise(work, copy.Case.Id, photosOnly: false).Select(p => ((string?)copy.AgencyId, p)));
                }

                var handovers = request.LineUserId is null ? 0 : qa.EraseHandovers(work, request.LineUserId, null);
                if (request.LineUserId is not null)
                {
                    conversations.Forget(work, request.LineUserId);
                }

                what = string.Create(CultureInfo.InvariantCulture,
                    $"ลบข้อมูลส่วนบุคคลแล้ว: เรื่องร้องเรียน {subjectCases.Count} เรื่อง คำถามที่ส่งต่อ {handovers} รายการ รูปถ่าย {photoIds.Count} รูป")
                    + ReferredNote(referred);
            }

            var result = request with
            {
                Status = complete ? PrivacyRequestStatus.Completed : PrivacyRequestStatus.Refused,
                DecidedAt = now,
                DecidedBy = staffName,
                Reason = complete ? null : reason,
                Log = [.. request.Log, new(now, staffName, what)],
            };
            if (request.LineUserId is { } to)
            {
                notificationId = $"privacy-decision:{request.Id}";
                notifications.AddIfAbsent(work, new Notification
                {
                    Id = notificationId, Kind = "privacy-decision", To = to,
                    MessagesJson = NotificationTexts.Json(new TextMessage(CitizenNotice(result))), CreatedAt = now, NextAttemptAt = now,
                });
                result = result with { Log = [.. result.Log, new(now, "system", "แจ้งผลผู้ขอทาง LINE")] };
                if (complete && request.Kind == PrivacyRequestKind.Erasure)
                {
                    // The notice above still reaches them; the request itself no longer says who asked.
                    result = result with { LineUserId = null };
                }
            }

            store.UpdateRequest(work, result);
            return result;
        }).ConfigureAwait(false);

        foreach (var (agency, photo) in photoIds)
        {
            using var scope = agency is null ? default : AgencyContext.Enter(agency);
            photos.Delete(photo);
        }

        if (complete && request.Kind == PrivacyRequestKind.Erasure)
        {
            await LogReferredErasureAsync(referred, request, now).ConfigureAwait(false);
        }

        if (notificationId is not null)
        {
            dispatcher.EnqueueCommitted([notificationId]);
        }

        return new(PrivacyDecisionOutcome.Decided, decided);
    }

    /// <summary>The request's log names each referred copy erased with the person's cases here (agency and number).</summary>
    private static string ReferredNote(List<ReferredCopy> referred) =>
        referred.Count == 0 ? "" : " รวมเรื่องที่ส่งต่อให้หน่วยงานอื่นในระบบ: " + string.Join(", ", referred.Select(r => $"{r.AgencyName} เลขที่ {r.Case.Number}"));

    /// <summary>
    /// Each agency whose copy of a referred case was erased finds it in its own purge log (the request is this agency's,
    /// and its staff would otherwise find the case emptied without a word): which case, at whose request.
    /// </summary>
    private async Task LogReferredErasureAsync(List<ReferredCopy> referred, PrivacyRequest request, DateTime now)
    {
        var requestedAt = agencies?.Find(AgencyContext.CurrentId)?.Name ?? AgencyContext.CurrentId;
        foreach (var agency in referred.GroupBy(r => r.AgencyId, StringComparer.Ordinal))
        {
            using var there = AgencyContext.Enter(agency.Key);
            await store.AddPurgeEntriesAsync([new PurgeEntry(now, "cases", agency.Count(),
                string.Join(", ", agency.Select(r => r.Case.Number)) + $" (ลบตามคำขอ {request.Number} ของ{requestedAt} เรื่องที่ส่งต่อมา)")]).ConfigureAwait(false);
        }
    }

    /// <summary>What the citizen reads in LINE about the decision.</summary>
    public static string CitizenNotice(PrivacyRequest r) => r.Status switch
    {
        PrivacyRequestStatus.Completed when r.Kind == PrivacyRequestKind.Erasure =>
            $"คำขอ {r.Number} ({r.Kind.Thai()}) ดำเนินการเรียบร้อยแล้วค่ะ เทศบาลลบหรือทำให้ข้อมูลส่วนบุคคลของท่านไม่ระบุตัวตนแล้ว คงไว้เฉพาะสถิติที่ไม่ระบุตัวบุคคลค่ะ",
        PrivacyRequestStatus.Completed => $"คำขอ {r.Number} ({r.Kind.Thai()}) ดำเนินการเรียบร้อยแล้วค่ะ",
        _ => $"คำขอ {r.Number} ({r.Kind.Thai()}) เทศบาลไม่สามารถดำเนินการได้ค่ะ เหตุผล: {r.Reason}\nหากไม่เห็นด้วย ร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคลได้ค่ะ",
    };

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
