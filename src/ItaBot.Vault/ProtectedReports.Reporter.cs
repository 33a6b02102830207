using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Receipts;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>The reporter's side: submit, check a receipt, then read, answer and add evidence with the access handle.</summary>
public sealed partial class ProtectedReports
{
    /// <summary>
    /// Files a report: encrypts everything, stores it with the receipt's lookup tag and Argon2id hash, and returns the
    /// receipt ONCE (it cannot be recovered later). Takes one Argon2id hash (see <see cref="ReceiptHashParameters"/>).
    /// </summary>
    public Task<Submission> SubmitAsync(NewReport report) => SubmitCoreAsync(report, null);

    private async Task<Submission> SubmitCoreAsync(NewReport report, string? submissionKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.Content.WhatHappened);
        foreach (var attachment in report.Attachments ?? [])
        {
            ValidateAttachment(attachment);
        }

        var digits = ReceiptCodes.New();
        var tag = _receipts.LookupTag(digits);
        string hash;
        await _argon2Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            hash = await Task.Run(() => _receipts.Hash(digits)).ConfigureAwait(false);
        }
        finally
        {
            _argon2Gate.Release();
        }

        var id = NewId();
        var now = Now;
        var deadlines = DeadlinesFor(now);
        var contentKey = FieldCipher.NewKey();
        var identityKey = report.Identity is null ? null : FieldCipher.NewKey();
        try
        {
            var document = new ReportDocument
            {
                Id = id,
                Channel = report.Channel,
                Status = ReportStatus.Received,
                CreatedAt = Stored(now),
                AcknowledgeBy = Stored(deadlines.AcknowledgeBy),
                AnswerBy = Stored(deadlines.AnswerBy),
                RetainUntil = Stored(now + _options.DefaultRetention),
                ReceiptTag = tag,
                ReceiptHash = hash,
                Content = SealJson(contentKey, id, "content", report.Content),
                Identity = identityKey is null ? null : SealJson(identityKey, id, "identity", report.Identity!),
                NotifierSeal = string.IsNullOrEmpty(report.NotifierLineUserId) ? null : FieldCipher.SealText(_notifierKey, id, "notifier", report.NotifierLineUserId),
                PendingTag = submissionKey is null ? null : _receipts.SubmissionTag(submissionKey),
                PendingReceipt = submissionKey is null ? null : FieldCipher.SealText(contentKey, id, PendingReceiptField, ReceiptCodes.Format(digits)),
                LastReporterActivityAt = report.EnteredBy is null ? Stored(now) : null,
            };
            var blobs = new List<BlobDocument>();
            foreach (var attachment in report.Attachments ?? [])
            {
                var (info, copies) = SealAttachment(contentKey, id, attachment, fromReporter: true, now);
                document.Attachments.Add(info);
                blobs.AddRange(copies);
            }

            var fiscalYear = FiscalYearOf(now);
            var detail = $"channel {report.Channel}, {document.Attachments.Count} attachment(s), identity {(report.Identity is null ? "none" : "given")}, " +
                $"notices {(document.NotifierSeal is null ? "none" : "opted in")}";
            var number = await _store.WriteAsync(storage =>
            {
                if (document.PendingTag is { } pendingTag && storage.FindReportByPendingTag(pendingTag) is { } earlier)
                {
                    // Two submits with one key raced (both missed the pending check): the second files nothing.
                    throw new DuplicateSubmissionException(earlier.Id);
                }

                var counterId = "seq-" + fiscalYear.ToString(CultureInfo.InvariantCulture);
                var counter = storage.FindMeta(counterId) ?? new MetaDocument { Id = counterId };
                counter.Value++;
                storage.UpsertMeta(counter);
                // Wrapped here, on the writer thread: a key rotation's snapshot of reports is taken there too, so every
                // report is either in that snapshot or wrapped under the new key.
                document.ContentKey = _keyring.Wrap(contentKey, id, ContentSlot);
                document.IdentityKey = identityKey is null ? null : _keyring.Wrap(identityKey, id, IdentitySlot);
                document.FiscalYear = fiscalYear;
                document.Sequence = (int)counter.Value;
                document.Number = string.Create(CultureInfo.InvariantCulture, $"ท{(fiscalYear + 543) % 100:00}-{counter.Value:00000}");
                storage.InsertReport(document);
                storage.InsertBlobs(blobs);
                _audit.Append(storage, now, report.EnteredBy ?? ReporterActor, "report.submit", id, detail);
                return document.Number;
            }).ConfigureAwait(false);
            return new Submission(id, number, ReceiptCodes.Format(digits));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            if (identityKey is not null)
            {
                CryptographicOperations.ZeroMemory(identityKey);
            }
        }
    }

    /// <summary>
    /// Checks a typed receipt (spaces, dashes and Thai digits are fine). <paramref name="sourceToken"/> is an opaque
    /// name for where the attempt came from (e.g. a hash of the LINE account, or of the web form's session): it is
    /// used in memory only, to slow and limit guessing, and never stored; never pass an IP address you would mind
    /// being hashed. Every outcome is audited; the guessed code never is.
    /// </summary>
    public async Task<ReceiptCheck> CheckReceiptAsync(string receipt, string sourceToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceToken);
        var attempt = _throttle.Begin(sourceToken);
        if (attempt.RetryAfter is { } retryAfter)
        {
            LogReceiptLimited(_logger, retryAfter);
            await AuditAsync(ReporterActor, "receipt.limited").ConfigureAwait(false);
            return new ReceiptCheck(ReceiptCheckStatus.Limited, null, TimeSpan.Zero, retryAfter);
        }

        if (attempt.Slowdown > TimeSpan.Zero)
        {
            await DelayAsync(attempt.Slowdown, cancellationToken).ConfigureAwait(false);
        }

        var digits = ReceiptCodes.Normalize(receipt);
        string? reportId = null;
        if (digits is not null)
        {
            var tag = _receipts.LookupTag(digits);
            var candidate = _store.Read(storage => storage.FindReportByReceiptTag(tag));
            var stored = candidate is { Purged: false } ? candidate.ReceiptHash : null;
            // Argon2id runs whether or not a candidate was found, so a miss costs the same time as a hit; at most a
            // few at once, since each takes its memory (64 MiB by default).
            await _argon2Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (await Task.Run(() => _receipts.Verify(digits, stored), cancellationToken).ConfigureAwait(false))
                {
                    reportId = candidate!.Id;
                }
            }
            finally
            {
                _argon2Gate.Release();
            }
        }

        if (reportId is null)
        {
            await AuditAsync(ReporterActor, "receipt.failed", null, digits is null ? "malformed" : "no match").ConfigureAwait(false);
            await DelayAsync(attempt.DelayIfWrong, cancellationToken).ConfigureAwait(false);
            return new ReceiptCheck(ReceiptCheckStatus.Rejected, null, attempt.DelayIfWrong, null);
        }

        _throttle.Succeeded(attempt);
        var now = Now;
        var access = new ReporterAccess(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), now + _options.ReporterAccessLifetime);
        _store.Grants.Add(access.Token, reportId, access.ExpiresAt, now);
        await AuditAsync(ReporterActor, "receipt.accepted", reportId).ConfigureAwait(false);
        return new ReceiptCheck(ReceiptCheckStatus.Accepted, access, TimeSpan.Zero, null);
    }

    /// <summary>Forgets an access handle at once (the reporter pressed "ออก", or the dialog ended).</summary>
    public void EndAccess(ReporterAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        _store.Grants.Remove(access.Token);
    }

    /// <summary>Whether the handle still opens a report (not audited: nothing is read).</summary>
    public bool HoldsAccess(ReporterAccess access) => ReportOf(access) is not null;

    /// <summary>The report as its reporter sees it; null when the handle expired (ask for the receipt again).</summary>
    public async Task<ReporterView?> ReadAsReporterAsync(ReporterAccess access)
    {
        if (ReportOf(access) is not { } reportId)
        {
            return null;
        }

        var document = Load(reportId);
        var key = ContentKeyOf(document);
        try
        {
            var messages = document.Messages
                .Select(m => new ReporterMessage(Shown(m.At), m.Direction, FieldCipher.OpenText(key, reportId, MessageField(m.Id), m.Text)))
                .ToList();
            var names = document.Attachments
                .Where(a => a.FromReporter)
                .Select(a => OpenJson<AttachmentMeta>(key, reportId, AttachmentField(a.Id, "meta"), a.Meta).FileName)
                .ToList();
            await TouchAsReporterAsync(reportId, "reporter.read", null).ConfigureAwait(false);
            return new ReporterView(document.Number, document.Status, document.Outcome, Shown(document.CreatedAt), Shown(document.AnswerBy), messages, names);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The reporter answers a question or adds information; false when the handle expired.</summary>
    public async Task<bool> ReplyAsReporterAsync(ReporterAccess access, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (ReportOf(access) is not { } reportId)
        {
            return false;
        }

        var key = ContentKeyOf(Load(reportId));
        var message = new MessageDocument { Id = NewId(), At = Stored(Now), Direction = MessageDirection.FromReporter };
        message.Text = FieldCipher.SealText(key, reportId, MessageField(message.Id), text);
        CryptographicOperations.ZeroMemory(key);
        await MutateAsync(reportId, ReporterActor, "message.from-reporter", message.Id, d =>
        {
            d.Messages.Add(message);
            d.LastReporterActivityAt = message.At;
        }).ConfigureAwait(false);
        return true;
    }

    /// <summary>The reporter adds evidence (a stripped viewing copy and, optionally, the original); false when the handle expired.</summary>
    public async Task<bool> AddEvidenceAsReporterAsync(ReporterAccess access, NewAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ValidateAttachment(attachment);
        if (ReportOf(access) is not { } reportId)
        {
            return false;
        }

        var key = ContentKeyOf(Load(reportId));
        var now = Now;
        var (info, blobs) = SealAttachment(key, reportId, attachment, fromReporter: true, now);
        CryptographicOperations.ZeroMemory(key);
        await MutateAsync(reportId, ReporterActor, "attachment.add", info.Id, d =>
        {
            d.Attachments.Add(info);
            d.LastReporterActivityAt = Stored(now);
        }, storage => storage.InsertBlobs(blobs)).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The reporter opts in to status notices in LINE (the id is sealed with the notifier key) or out (null).
    /// False when the handle expired.
    /// </summary>
    public async Task<bool> SetNotifierAddressAsync(ReporterAccess access, string? lineUserId)
    {
        if (ReportOf(access) is not { } reportId)
        {
            return false;
        }

        var seal = string.IsNullOrEmpty(lineUserId) ? null : FieldCipher.SealText(_notifierKey, reportId, "notifier", lineUserId);
        await MutateAsync(reportId, ReporterActor, seal is null ? "notifier.clear" : "notifier.set", null, d => d.NotifierSeal = seal).ConfigureAwait(false);
        return true;
    }

    private string? ReportOf(ReporterAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return _store.Grants.ReportOf(access.Token, Now);
    }

    /// <summary>Only the latest reporter activity is kept (no history of when the reporter came back).</summary>
    private Task TouchAsReporterAsync(string reportId, string action, string? detail) =>
        MutateAsync(reportId, ReporterActor, action, detail, d => d.LastReporterActivityAt = Stored(Now));

    private static int FiscalYearOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Bangkok);
        return local.Month >= 10 ? local.Year + 1 : local.Year;
    }
}
