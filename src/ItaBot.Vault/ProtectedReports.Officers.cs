using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>The integrity officers' side. The caller checks the role (integrity officer, TOTP); the vault audits.</summary>
public sealed partial class ProtectedReports
{
    /// <summary>Reports without content, newest first.</summary>
    public async Task<IReadOnlyList<ReportSummary>> ListAsync(string actor, ReportQuery? query = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        query ??= new ReportQuery();
        var rows = _store.Read(storage => storage.ListReportsNewestFirst()
            .Where(r => query.Status is null || r.Status == query.Status)
            .Where(r => query.Open is null || r.Status.IsClosed() != query.Open)
            .Where(r => query.AssigneeId is null || string.Equals(r.AssigneeId, query.AssigneeId, StringComparison.Ordinal))
            .Take(query.Limit)
            .Select(Summarize)
            .ToList());
        await AuditAsync(actor, "report.list", null, string.Create(CultureInfo.InvariantCulture, $"{rows.Count} row(s)")).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Opens a report: content, messages, attachment list, history, identity requests (not the identity).</summary>
    public Task<ReportView> ReadAsync(string reportId, string actor) => ViewAsync(reportId, actor, "report.read");

    /// <summary>The same as <see cref="ReadAsync"/>, audited as an export (for a printout or a file handed on).</summary>
    public Task<ReportView> ExportAsync(string reportId, string actor) => ViewAsync(reportId, actor, "report.export");

    /// <summary>The metadata-stripped viewing copy of an attachment.</summary>
    public Task<AttachmentContent> OpenAttachmentAsync(string reportId, string attachmentId, string actor) =>
        OpenAttachmentAsync(reportId, attachmentId, actor, original: false);

    /// <summary>The original file as received (with its metadata): evidence, opened only through this audited call.</summary>
    public Task<AttachmentContent> OpenOriginalAttachmentAsync(string reportId, string attachmentId, string actor) =>
        OpenAttachmentAsync(reportId, attachmentId, actor, original: true);

    /// <summary>
    /// Moves a report along รับเรื่อง → มอบหมายแล้ว → กำลังดำเนินการ → เสร็จสิ้น / ส่งต่อหน่วยงานอื่น / ไม่รับเรื่อง.
    /// Completed needs an outcome (substantiated or not); Referred needs a note naming the agency; Rejected needs a
    /// reason. A closed report stays closed. The first change away from รับเรื่อง acknowledges it.
    /// </summary>
    public async Task<ReportSummary> ChangeStatusAsync(string reportId, string actor, ReportStatus to, string? note = null, ReportOutcome? outcome = null, string? assigneeId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (to == ReportStatus.Received)
        {
            throw new VaultRuleException("A report cannot go back to รับเรื่อง.");
        }

        if (to is ReportStatus.Referred or ReportStatus.Rejected && string.IsNullOrWhiteSpace(note))
        {
            throw new VaultRuleException(to == ReportStatus.Rejected ? "ไม่รับเรื่อง needs a reason." : "ส่งต่อหน่วยงานอื่น needs a note naming the agency.");
        }

        if (to == ReportStatus.Completed && outcome is not (ReportOutcome.Substantiated or ReportOutcome.NotSubstantiated))
        {
            throw new VaultRuleException("เสร็จสิ้น needs an outcome: substantiated or not substantiated.");
        }

        if (to == ReportStatus.Assigned && string.IsNullOrWhiteSpace(assigneeId))
        {
            throw new VaultRuleException("มอบหมายแล้ว needs the officer it is assigned to.");
        }

        var document = Load(reportId);
        // The note is bound to its own history entry (and the outcome note to the outcome): notes cannot be swapped.
        var noteId = NewId();
        byte[]? sealedNote = null;
        byte[]? sealedOutcomeNote = null;
        if (!string.IsNullOrWhiteSpace(note))
        {
            var key = ContentKeyOf(document);
            sealedNote = FieldCipher.SealText(key, reportId, "status-note:" + noteId, note);
            sealedOutcomeNote = FieldCipher.SealText(key, reportId, "outcome-note", note);
            CryptographicOperations.ZeroMemory(key);
        }

        var now = Now;
        ReportSummary? summary = null;
        await MutateAsync(reportId, actor, "status.change", null, d =>
        {
            if (d.Status.IsClosed())
            {
                throw new VaultRuleException($"Report {d.Number} is closed ({d.Status.Thai()}).");
            }

            d.History.Add(new StatusChangeDocument { At = Stored(now), Actor = actor, From = d.Status, To = to, NoteId = noteId, Note = sealedNote });
            d.AcknowledgedAt ??= Stored(now);
            d.Status = to;
            d.AssigneeId = assigneeId ?? d.AssigneeId;
            if (to.IsClosed())
            {
                d.ClosedAt = Stored(now);
                d.Outcome = to switch
                {
                    ReportStatus.Referred => ReportOutcome.Referred,
                    ReportStatus.Rejected => ReportOutcome.NotAccepted,
                    _ => outcome,
                };
                d.OutcomeNote = sealedOutcomeNote;
            }

            summary = Summarize(d);
        }, null, d => $"{d.History[^1].From} -> {to}" + (assigneeId is null ? "" : $", assignee {assigneeId}")).ConfigureAwait(false);
        return summary!;
    }

    /// <summary>A question or answer to the reporter; they read it with their receipt. Returns the message id.</summary>
    public async Task<string> SendToReporterAsync(string reportId, string actor, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var key = ContentKeyOf(Load(reportId));
        var message = new MessageDocument { Id = NewId(), At = Stored(Now), Direction = MessageDirection.ToReporter, OfficerId = actor };
        message.Text = FieldCipher.SealText(key, reportId, MessageField(message.Id), text);
        CryptographicOperations.ZeroMemory(key);
        await MutateAsync(reportId, actor, "message.to-reporter", message.Id, d => d.Messages.Add(message)).ConfigureAwait(false);
        return message.Id;
    }

    /// <summary>Asks to see the identity the reporter gave, with a reason; a second, different officer must approve.</summary>
    public async Task<string> RequestIdentityAsync(string reportId, string actor, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var document = Load(reportId);
        if (document.Identity is null)
        {
            throw new VaultRuleException($"The reporter of {document.Number} gave no identity.");
        }

        var key = ContentKeyOf(document);
        var request = new IdentityRequestDocument { Id = NewId(), At = Stored(Now), RequestedBy = actor, State = IdentityRequestState.Pending };
        request.Reason = FieldCipher.SealText(key, reportId, "identity-request:" + request.Id, reason);
        CryptographicOperations.ZeroMemory(key);
        await MutateAsync(reportId, actor, "identity.request", request.Id, d => d.IdentityRequests.Add(request)).ConfigureAwait(false);
        return request.Id;
    }

    /// <summary>
    /// Approves or denies an identity request. The decider must not be the requester (a <see cref="VaultRuleException"/>
    /// otherwise, and the refused attempt is audited too).
    /// </summary>
    public async Task DecideIdentityRequestAsync(string reportId, string requestId, string actor, bool approve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var request = Load(reportId).IdentityRequests.FirstOrDefault(r => r.Id == requestId)
            ?? throw new VaultRuleException($"No identity request {requestId}.");
        if (string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
        {
            await AuditAsync(actor, "identity.decide.refused", reportId, $"{requestId}: the requester cannot decide their own request").ConfigureAwait(false);
            throw new VaultRuleException("A second, different integrity officer must decide an identity request.");
        }

        var now = Now;
        await MutateAsync(reportId, actor, approve ? "identity.approve" : "identity.deny", requestId, d =>
        {
            var stored = d.IdentityRequests.First(r => r.Id == requestId);
            if (stored.State != IdentityRequestState.Pending)
            {
                throw new VaultRuleException($"Identity request {requestId} was already decided.");
            }

            stored.State = approve ? IdentityRequestState.Approved : IdentityRequestState.Denied;
            stored.DecidedBy = actor;
            stored.DecidedAt = Stored(now);
        }).ConfigureAwait(false);
    }

    /// <summary>The reporter's identity, for the officer whose request was approved by someone else.</summary>
    public async Task<ReporterIdentity> OpenIdentityAsync(string reportId, string requestId, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var document = Load(reportId);
        var request = document.IdentityRequests.FirstOrDefault(r => r.Id == requestId);
        if (request is not { State: IdentityRequestState.Approved } || !string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase)
            || document.Identity is null || document.IdentityKey is null)
        {
            await AuditAsync(actor, "identity.open.refused", reportId, requestId).ConfigureAwait(false);
            throw new VaultRuleException("The identity opens only for the officer whose request a second officer approved.");
        }

        var key = _keyring.Unwrap(document.IdentityKey, reportId, IdentitySlot);
        try
        {
            var identity = OpenJson<ReporterIdentity>(key, reportId, "identity", document.Identity);
            await AuditAsync(actor, "identity.open", reportId, requestId).ConfigureAwait(false);
            return identity;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The sealed LINE user id of a reporter who opted in to status notices, for the notifier only (staff pages
    /// never call this). Null when they did not opt in. Audited as the notifier; never log the result.
    /// </summary>
    public async Task<string?> OpenNotifierAddressAsync(string reportId)
    {
        var document = Load(reportId);
        if (document.NotifierSeal is null)
        {
            return null;
        }

        var address = FieldCipher.OpenText(_notifierKey, reportId, "notifier", document.NotifierSeal);
        await AuditAsync(NotifierActor, "notifier.open", reportId).ConfigureAwait(false);
        return address;
    }

    private async Task<ReportView> ViewAsync(string reportId, string actor, string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var d = Load(reportId);
        var key = ContentKeyOf(d);
        try
        {
            var view = new ReportView(
                Summarize(d),
                OpenJson<ReportContent>(key, reportId, "content", d.Content!),
                [.. d.Messages.Select(m => new ReportMessage(m.Id, Shown(m.At), m.Direction, m.OfficerId, FieldCipher.OpenText(key, reportId, MessageField(m.Id), m.Text)))],
                [.. d.Attachments.Select(a => ToInfo(key, reportId, a))],
                [.. d.History.Select(h => new StatusChange(Shown(h.At), h.Actor, h.From, h.To, h.Note is null ? null : FieldCipher.OpenText(key, reportId, "status-note:" + h.NoteId, h.Note)))],
                [.. d.IdentityRequests.Select(r => new IdentityRequest(r.Id, Shown(r.At), r.RequestedBy, FieldCipher.OpenText(key, reportId, "identity-request:" + r.Id, r.Reason), r.State, r.DecidedBy, Shown(r.DecidedAt)))],
                d.OutcomeNote is null ? null : FieldCipher.OpenText(key, reportId, "outcome-note", d.OutcomeNote));
            await AuditAsync(actor, action, reportId).ConfigureAwait(false);
            return view;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static AttachmentInfo ToInfo(byte[] key, string reportId, AttachmentDocument a)
    {
        var meta = OpenJson<AttachmentMeta>(key, reportId, AttachmentField(a.Id, "meta"), a.Meta);
        return new AttachmentInfo(a.Id, Shown(a.At), meta.FileName, meta.ContentType, a.ViewingBytes, a.HasOriginal, a.FromReporter);
    }

    private async Task<AttachmentContent> OpenAttachmentAsync(string reportId, string attachmentId, string actor, bool original)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var d = Load(reportId);
        var attachment = d.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new VaultRuleException($"No attachment {attachmentId}.");
        var blob = _store.Read(storage => storage.FindBlob(BlobId(attachmentId, original)))
            ?? throw new VaultRuleException(original ? "This attachment has no original." : $"No attachment {attachmentId}.");
        var key = ContentKeyOf(d);
        try
        {
            var meta = OpenJson<AttachmentMeta>(key, reportId, AttachmentField(attachment.Id, "meta"), attachment.Meta);
            var bytes = FieldCipher.OpenField(key, reportId, AttachmentField(attachment.Id, original ? "original" : "view"), blob.Data);
            await AuditAsync(actor, original ? "attachment.original" : "attachment.view", reportId, attachmentId).ConfigureAwait(false);
            return new AttachmentContent(attachmentId, meta.FileName, meta.ContentType, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Loads the report on the writer thread, changes it, saves it and audits, in one transaction.</summary>
    private Task MutateAsync(string reportId, string actor, string action, string? detail, Action<ReportDocument> change,
        Action<IVaultTransaction>? alsoWrite = null, Func<ReportDocument, string>? detailAfter = null)
    {
        var at = Now;
        return _store.WriteAsync(storage =>
        {
            var document = LoadForWrite(storage, reportId);
            change(document);
            document.Version++;
            storage.UpdateReport(document);
            alsoWrite?.Invoke(storage);
            _audit.Append(storage, at, actor, action, reportId, detailAfter?.Invoke(document) ?? detail);
        });
    }
}
