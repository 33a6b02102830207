using System.Diagnostics;
using System.Globalization;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>Retention, statistics, the audit chain and key rotation.</summary>
public sealed partial class ProtectedReports
{
    /// <summary>Reports whose retention date falls within <paramref name="within"/> from now (for the warning before expiry).</summary>
    public async Task<IReadOnlyList<ExpiringReport>> ExpiringSoonAsync(TimeSpan within, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var limit = Stored(Now + within);
        var rows = _store.Read(storage => storage.ListRetainedUntil(limit))
            .Select(r => new ExpiringReport(r.Id, r.Number, Shown(r.RetainUntil)))
            .ToList();
        await AuditAsync(actor, "retention.list", null, string.Create(CultureInfo.InvariantCulture, $"{rows.Count} within {within}")).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Keeps a report longer (never shorter than now); audited with the new date.</summary>
    public async Task ExtendRetentionAsync(string reportId, string actor, DateTimeOffset retainUntil)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (retainUntil <= Now)
        {
            throw new VaultRuleException("A retention date must lie in the future.");
        }

        await MutateAsync(reportId, actor, "retention.extend", null, d =>
        {
            if (Stored(retainUntil) < d.RetainUntil)
            {
                throw new VaultRuleException("An extension cannot shorten the retention.");
            }

            d.RetainUntil = Stored(retainUntil);
        }, null, d => string.Create(CultureInfo.InvariantCulture, $"until {d.RetainUntil:O}")).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every report whose retention date has passed: keys, content, messages, attachments, receipt hash and
    /// lookup tag go; a stub of plain fields (number, channel, status, outcome, dates) stays for the statistics. Then the
    /// file is rebuilt and the rebuild's leftover copies overwritten, so nothing of the deleted reports stays in
    /// vault.db or its log. Returns how many reports were deleted. Run it daily (a Hangfire job in the service).
    /// </summary>
    public async Task<int> PurgeExpiredAsync(string actor = SystemActor)
    {
        var now = Stored(Now);
        var expired = _store.Read(storage => storage.ListRetainedUntil(now)).Select(r => r.Id).ToList();
        foreach (var reportId in expired)
        {
            await DeleteContentAsync(reportId, actor, "report.expired").ConfigureAwait(false);
        }

        if (expired.Count > 0)
        {
            await _store.CompactAsync().ConfigureAwait(false);
            await AuditAsync(actor, "vault.compact", null, string.Create(CultureInfo.InvariantCulture, $"after deleting {expired.Count} report(s)")).ConfigureAwait(false);
            LogPurged(_logger, expired.Count);
        }

        return expired.Count;
    }

    /// <summary>
    /// Deletes one report now, before its retention date (filed by mistake, or a deletion the law requires), the same
    /// way expiry does: content and keys go, a stub stays for the statistics, the file is rebuilt. Audited with who and when.
    /// </summary>
    public async Task DeleteNowAsync(string reportId, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await DeleteContentAsync(reportId, actor, "report.delete").ConfigureAwait(false);
        await _store.CompactAsync().ConfigureAwait(false);
        await AuditAsync(actor, "vault.compact", null, "after deleting 1 report").ConfigureAwait(false);
    }

    private Task DeleteContentAsync(string reportId, string actor, string action)
    {
        var at = Now;
        return _store.WriteAsync(storage =>
        {
            var d = LoadForWrite(storage, reportId);
            var attachments = d.Attachments.Count;
            d.Purged = true;
            d.ReceiptTag = null;
            d.ReceiptHash = null;
            d.ContentKey = null;
            d.Content = null;
            d.IdentityKey = null;
            d.Identity = null;
            d.NotifierSeal = null;
            d.PendingTag = null;
            d.PendingReceipt = null;
            d.OutcomeNote = null;
            d.Messages = [];
            d.Attachments = [];
            d.IdentityRequests = [];
            foreach (var change in d.History)
            {
                change.Note = null;
            }

            d.Version++;
            storage.UpdateReport(d);
            storage.DeleteBlobsOf(reportId);
            _audit.Append(storage, at, actor, action, reportId, string.Create(CultureInfo.InvariantCulture, $"{d.Number}: content, keys and {attachments} attachment(s) deleted"));
        });
    }

    /// <summary>
    /// Counts for the ITA statistics of reports filed in [<paramref name="from"/>, <paramref name="to"/>), as they stand
    /// now; see the overload with <c>asOf</c>. Reads plain fields only; nothing is decrypted. Deleted reports still count.
    /// </summary>
    public Task<VaultStatistics> StatisticsAsync(DateTimeOffset from, DateTimeOffset to, string actor) =>
        StatisticsAsync(from, to, Now, actor);

    /// <summary>
    /// Copies vault.db to <paramref name="path"/> as one consistent file while the service runs (a backup): the copy is
    /// audited first (so it carries its own entry), then made on the writer with no transaction open and readers held at
    /// the gate, after a checkpoint. Its content stays encrypted under the key-encryption key, which is not copied.
    /// </summary>
    public async Task CopyToAsync(string path, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await AuditAsync(actor, "vault.backup").ConfigureAwait(false);
        await _store.CopyToAsync(path).ConfigureAwait(false);
    }

    /// <summary>Checks the whole audit chain and names the first broken entry; the check itself is then audited.</summary>
    public async Task<AuditVerification> VerifyAuditAsync(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var result = _store.Read(_audit.Verify);
        await AuditAsync(actor, "audit.verify", null, result.IsIntact
            ? string.Create(CultureInfo.InvariantCulture, $"intact, {result.Entries} entries")
            : string.Create(CultureInfo.InvariantCulture, $"BROKEN at entry {result.FirstBrokenSequence}")).ConfigureAwait(false);
        return result;
    }

    /// <summary>Audit entries, newest first: of one report, or of the whole vault when <paramref name="reportId"/> is null.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string actor, string? reportId = null, int limit = 200)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = _store.Read(storage => storage.ListAuditNewestFirst()
            .Where(a => reportId is null || string.Equals(a.ReportId, reportId, StringComparison.Ordinal))
            .Take(limit)
            .Select(a => new AuditEntry(a.Id, Shown(a.At), a.Actor, a.Action, a.ReportId, a.Detail, a.Hash))
            .ToList());
        await AuditAsync(actor, "audit.read", reportId, string.Create(CultureInfo.InvariantCulture, $"{rows.Count} entries")).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Rotates the key-encryption key: from now on <paramref name="newKek"/> (32 bytes) wraps every data key; the
    /// vault's own keys and every report's data keys are re-wrapped in small transactions while reads and writes go
    /// on (the old key is still accepted until the last one is done). Afterwards this process no longer knows the old
    /// key: configure the new one before the next start. Rerun it to finish a rotation that was cut short (with the old
    /// key as <see cref="VaultOptions.PreviousKek"/>).
    /// </summary>
    public async Task<KeyRotationResult> RotateKekAsync(byte[] newKek, string actor)
    {
        ArgumentNullException.ThrowIfNull(newKek);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (newKek.Length != FieldCipher.KeySize)
        {
            throw new VaultRuleException("A key-encryption key is 32 bytes.");
        }

        await _rotation.WaitAsync().ConfigureAwait(false);
        try
        {
            var clock = Stopwatch.StartNew();
            var newKeyId = Keyring.KeyIdOf(newKek);
            var oldKeyId = _keyring.CurrentKeyId;
            var others = _keyring.KnownKeyIds.Where(id => id != newKeyId).ToList();
            _keyring.BeginRotation([.. newKek]);
            await AuditAsync(actor, "kek.rotate.start", null, $"{oldKeyId} -> {newKeyId}").ConfigureAwait(false);
            await _store.WriteAsync(storage =>
            {
                foreach (var key in storage.ListKeys())
                {
                    if (_keyring.Rewrap(key.Key, "vault", key.Id))
                    {
                        storage.UpdateKey(key);
                    }
                }
            }).ConfigureAwait(false);

            // The snapshot is taken on the writer thread, after the new key became current: a report written later wraps
            // under the new key already.
            var ids = await _store.WriteAsync(storage => storage.ListLiveReportIds()).ConfigureAwait(false);
            var rewrapped = 0;
            foreach (var chunk in ids.Chunk(250))
            {
                rewrapped += await _store.WriteAsync(storage =>
                {
                    var count = 0;
                    foreach (var id in chunk)
                    {
                        var d = storage.FindReport(id);
                        if (d is null || d.Purged || d.ContentKey is null)
                        {
                            continue;
                        }

                        var changed = _keyring.Rewrap(d.ContentKey, id, ContentSlot);
                        changed |= d.IdentityKey is not null && _keyring.Rewrap(d.IdentityKey, id, IdentitySlot);
                        if (changed)
                        {
                            storage.UpdateReport(d);
                            count++;
                        }
                    }

                    return count;
                }).ConfigureAwait(false);
            }

            foreach (var id in others)
            {
                _keyring.Forget(id);
            }

            await AuditAsync(actor, "kek.rotate.finish", null, string.Create(CultureInfo.InvariantCulture, $"{rewrapped} report(s) now under {newKeyId}")).ConfigureAwait(false);
            LogRotationFinished(_logger, rewrapped, oldKeyId, newKeyId);
            return new KeyRotationResult(oldKeyId, newKeyId, rewrapped, clock.Elapsed);
        }
        finally
        {
            _rotation.Release();
        }
    }
}
