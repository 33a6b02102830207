using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>
/// Submission that survives the caller's crash. The vault commits the report before the caller commits the answer that
/// carries the receipt (a LINE turn, a web response): if the caller fails in between, the receipt would be lost, and a
/// second try would file the report twice. With <see cref="SubmitOnceAsync"/> the caller names the submission by a key
/// that its retry will know again (e.g. the draft's key kept in the conversation state): the vault keeps the receipt
/// sealed with the report's content key under an HMAC of that key, returns the same submission to a repeat, and wipes
/// both once the caller says its answer is safe (<see cref="ReleasePendingReceiptAsync"/>), or after
/// <see cref="PendingReceiptHold"/> at the latest (<see cref="ReleaseStalePendingReceiptsAsync"/>, the daily job).
/// </summary>
public sealed partial class ProtectedReports
{
    /// <summary>How long a receipt may wait sealed for its caller's release before it is wiped anyway (and no longer repeated).</summary>
    public static readonly TimeSpan PendingReceiptHold = TimeSpan.FromDays(1);

    private const string PendingReceiptField = "pending-receipt";

    /// <summary>
    /// Files the report once per <paramref name="submissionKey"/>: a repeat with the same key (the caller's retry after
    /// its own commit failed, even after a restart) returns the first submission, receipt included, and files nothing.
    /// Call <see cref="ReleasePendingReceiptAsync"/> once the answer with the receipt is safely committed.
    /// </summary>
    public async Task<Submission> SubmitOnceAsync(NewReport report, string submissionKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionKey);
        if (await FindPendingSubmissionAsync(submissionKey).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        try
        {
            return await SubmitCoreAsync(report, submissionKey).ConfigureAwait(false);
        }
        catch (DuplicateSubmissionException)
        {
            return await FindPendingSubmissionAsync(submissionKey).ConfigureAwait(false)
                ?? throw new VaultRuleException("The first submission with this key was released meanwhile.");
        }
    }

    /// <summary>
    /// The submission filed earlier under <paramref name="submissionKey"/> whose receipt is still pending, or null (none,
    /// released, or older than <see cref="PendingReceiptHold"/>). Audited as a repeat; never log the receipt.
    /// </summary>
    public async Task<Submission?> FindPendingSubmissionAsync(string submissionKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionKey);
        var tag = _receipts.SubmissionTag(submissionKey);
        var document = _store.Read(storage => storage.FindReportByPendingTag(tag));
        if (document is not { Purged: false, PendingReceipt: { } sealedReceipt } || Shown(document.CreatedAt) + PendingReceiptHold < Now)
        {
            return null;
        }

        var key = ContentKeyOf(document);
        try
        {
            var receipt = FieldCipher.OpenText(key, document.Id, PendingReceiptField, sealedReceipt);
            await AuditAsync(ReporterActor, "submission.repeat", document.Id).ConfigureAwait(false);
            return new Submission(document.Id, document.Number, receipt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The caller's answer with the receipt is safe: the sealed receipt and the submission key's tag are wiped. True if there was one.</summary>
    public async Task<bool> ReleasePendingReceiptAsync(string reportId)
    {
        var released = false;
        var at = Now;
        await _store.WriteAsync(storage =>
        {
            var d = storage.FindReport(reportId);
            if (d is null || (d.PendingTag is null && d.PendingReceipt is null))
            {
                return;
            }

            d.PendingTag = null;
            d.PendingReceipt = null;
            d.Version++;
            storage.UpdateReport(d);
            _audit.Append(storage, at, SystemActor, "receipt.released", reportId, null);
            released = true;
        }).ConfigureAwait(false);
        return released;
    }

    /// <summary>Wipes pending receipts older than <see cref="PendingReceiptHold"/> (their caller died before releasing them); returns how many.</summary>
    public async Task<int> ReleaseStalePendingReceiptsAsync()
    {
        var before = Stored(Now - PendingReceiptHold);
        var stale = _store.Read(storage => storage.ListPendingFiledBefore(before));
        var count = 0;
        foreach (var reportId in stale)
        {
            count += await ReleasePendingReceiptAsync(reportId).ConfigureAwait(false) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Whether the reporter opted in to status notices (a plain flag, as in <see cref="ReportSummary.NotifierOptIn"/>;
    /// nothing is opened, so not audited): the caller queues a notice only then.
    /// </summary>
    public bool HasNotifierAddress(string reportId) =>
        _store.Read(storage => storage.FindReport(reportId)) is { Purged: false, NotifierSeal: not null };

    /// <summary>How many reports still hold a pending receipt (for tests and health; no ids).</summary>
    public int PendingReceiptCount() =>
        _store.Read(storage => storage.CountPending());

    private sealed class DuplicateSubmissionException(string reportId)
        : InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A submission with this key was filed as {reportId}."));
}
