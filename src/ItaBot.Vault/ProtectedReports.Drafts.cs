using System.Security.Cryptography;
using System.Text;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>A draft as reopened: what the caller sealed, and the evidence attached so far.</summary>
public sealed record OpenedDraft(ReadOnlyMemory<byte> Content, IReadOnlyList<NewAttachment> Evidence);

/// <summary>
/// Drafts of protected reports that must survive a restart (a LINE conversation half-way through): sealed with a data
/// key of their own, wrapped by the key-encryption key, and found by an HMAC of the caller's random draft key, so
/// neither vault.db nor the caller's store holds anything readable. A draft untouched longer than the age its caller
/// gives is gone; saving, opening and deleting are audited without ids of reports (a draft is no report yet).
/// Evidence only grows or is cleared (as in the LINE flow): a save writes the attachments it has not seen yet.
/// </summary>
public sealed partial class ProtectedReports
{
    private const string DraftSlot = "draft";

    /// <summary>Seals and stores the draft under <paramref name="draftKey"/>, replacing what it held.</summary>
    public async Task SaveDraftAsync(string draftKey, ReadOnlyMemory<byte> content, IReadOnlyList<NewAttachment> evidence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draftKey);
        ArgumentNullException.ThrowIfNull(evidence);
        var id = DraftId(draftKey);
        var at = Now;
        await _store.WriteAsync(storage =>
        {
            var document = storage.FindDraft(id) ?? new DraftDocument { Id = id, Key = _keyring.Wrap(FieldCipher.NewKey(), id, DraftSlot) };
            var key = _keyring.Unwrap(document.Key, id, DraftSlot);
            try
            {
                document.Content = FieldCipher.SealField(key, id, "content", content.Span);
                while (document.Evidence.Count > evidence.Count)
                {
                    var last = document.Evidence[^1];
                    storage.DeleteDraftBlob(last.Id + ".view");
                    storage.DeleteDraftBlob(last.Id + ".original");
                    document.Evidence.RemoveAt(document.Evidence.Count - 1);
                }

                for (var i = document.Evidence.Count; i < evidence.Count; i++)
                {
                    var item = evidence[i];
                    var part = new DraftEvidenceDocument { Id = NewId(), HasOriginal = item.Original is not null };
                    part.Meta = FieldCipher.SealText(key, id, $"evidence:{part.Id}:meta", item.ContentType + "\n" + item.FileName);
                    storage.InsertDraftBlob(new BlobDocument { Id = part.Id + ".view", ReportId = id, Data = FieldCipher.SealField(key, id, $"evidence:{part.Id}:view", item.ViewingCopy.Span) });
                    if (item.Original is { } original)
                    {
                        storage.InsertDraftBlob(new BlobDocument { Id = part.Id + ".original", ReportId = id, Data = FieldCipher.SealField(key, id, $"evidence:{part.Id}:original", original.Span) });
                    }

                    document.Evidence.Add(part);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            document.TouchedAt = Stored(at);
            storage.UpsertDraft(document);
            _audit.Append(storage, at, ReporterActor, "draft.saved", null, null);
        }).ConfigureAwait(false);
    }

    /// <summary>The draft under <paramref name="draftKey"/>, or null when there is none or it was left longer than <paramref name="maxAge"/> (it is then deleted).</summary>
    public async Task<OpenedDraft?> OpenDraftAsync(string draftKey, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draftKey);
        var id = DraftId(draftKey);
        var document = _store.Read(storage => storage.FindDraft(id));
        if (document is null)
        {
            return null;
        }

        if (Shown(document.TouchedAt) + maxAge < Now)
        {
            await DeleteDraftAsync(draftKey, "draft.expired").ConfigureAwait(false);
            return null;
        }

        byte[] key;
        try
        {
            key = _keyring.Unwrap(document.Key, id, DraftSlot);
        }
        catch (CryptographicException)
        {
            // Wrapped by a key-encryption key rotated away since: the draft cannot be opened any more.
            await DeleteDraftAsync(draftKey, "draft.unreadable").ConfigureAwait(false);
            return null;
        }

        try
        {
            var content = FieldCipher.OpenField(key, id, "content", document.Content);
            var evidence = new List<NewAttachment>(document.Evidence.Count);
            foreach (var part in document.Evidence)
            {
                var meta = FieldCipher.OpenText(key, id, $"evidence:{part.Id}:meta", part.Meta).Split('\n', 2);
                var view = _store.Read(storage => storage.FindDraftBlob(part.Id + ".view"))?.Data ?? [];
                var original = part.HasOriginal ? _store.Read(storage => storage.FindDraftBlob(part.Id + ".original"))?.Data : null;
                evidence.Add(new NewAttachment(
                    meta.Length > 1 ? meta[1] : "evidence",
                    meta[0],
                    FieldCipher.OpenField(key, id, $"evidence:{part.Id}:view", view),
                    original is null ? null : FieldCipher.OpenField(key, id, $"evidence:{part.Id}:original", original)));
            }

            await AuditAsync(ReporterActor, "draft.opened").ConfigureAwait(false);
            return new OpenedDraft(content, evidence);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Deletes the draft (submitted, cancelled or expired); true if there was one.</summary>
    public Task<bool> DeleteDraftAsync(string draftKey) => DeleteDraftAsync(draftKey, "draft.deleted");

    /// <summary>Deletes every draft untouched for longer than <paramref name="maxAge"/>; returns how many.</summary>
    public async Task<int> DeleteStaleDraftsAsync(TimeSpan maxAge)
    {
        var before = Stored(Now - maxAge);
        var at = Now;
        return await _store.WriteAsync(storage =>
        {
            var stale = storage.ListDraftsTouchedBefore(before);
            foreach (var id in stale)
            {
                storage.DeleteDraft(id);
            }

            if (stale.Count > 0)
            {
                _audit.Append(storage, at, SystemActor, "draft.expired", null, stale.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return stale.Count;
        }).ConfigureAwait(false);
    }

    /// <summary>Drafts held now (for tests and health; no ids).</summary>
    public int DraftCount() => _store.Read(storage => storage.CountDrafts());

    private async Task<bool> DeleteDraftAsync(string draftKey, string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draftKey);
        var id = DraftId(draftKey);
        var at = Now;
        return await _store.WriteAsync(storage =>
        {
            if (!storage.DeleteDraft(id))
            {
                return false;
            }

            _audit.Append(storage, at, ReporterActor, action, null, null);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>The stored id: an HMAC of the caller's key, so the key in the caller's store finds the draft and nothing else does.</summary>
    private string DraftId(string draftKey) => "d" + _receipts.SubmissionTag("draft\n" + draftKey)[..40];
}
