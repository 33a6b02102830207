namespace ItaBot.Vault.Storage;

/// <summary>
/// Copies one vault's stored records into another storage as they are: ciphertext stays ciphertext, wrapped keys stay
/// wrapped under the same KEK, audit entries keep their sequence and hashes (so the chain verifies on the copy). One write
/// on the target: all of it or nothing. The target must hold no reports, drafts, counters or audit entries; keys a node made
/// there on opening an empty vault are replaced by the source's (the source's records are sealed under those).
/// </summary>
internal static class VaultCopy
{
    /// <summary>The record kinds counted on both sides, in this order.</summary>
    public static readonly string[] Kinds = ["reports", "evidence copies", "drafts", "draft evidence copies", "counters", "vault keys", "audit entries"];

    public static IReadOnlyList<long> Count(IVaultStorage storage) => storage.Read(r =>
    {
        var reports = r.ListAllReportIds();
        var drafts = r.ListDraftIds();
        return (IReadOnlyList<long>)[reports.Count, reports.Sum(id => (long)r.ListBlobsOf(id).Count), drafts.Count,
            drafts.Sum(id => (long)r.ListDraftBlobsOf(id).Count), r.ListMeta().Count, r.ListKeys().Count, r.ListAudit().LongCount()];
    });

    /// <summary>Why <paramref name="target"/> cannot take a copy (null: it can).</summary>
    public static string? Refusal(IVaultStorage target) => target.Read(Holds) ? Held(target) : null;

    private static bool Holds(IVaultReads r) =>
        r.ListAllReportIds().Count > 0 || r.ListDraftIds().Count > 0 || r.ListMeta().Count > 0 || r.LastAudit() is not null;

    private static string Held(IVaultStorage target) => $"{target.FilePath} already holds protected reports or an audit chain";

    public static Task CopyAsync(IVaultStorage source, IVaultStorage target) => target.WriteAsync(into =>
    {
        // Checked again inside the write: a node may have filed a report since.
        if (Holds(into))
        {
            throw new InvalidOperationException(Held(target));
        }

        source.Read(from =>
        {
            foreach (var key in from.ListKeys())
            {
                if (into.FindKey(key.Id) is null)
                {
                    into.InsertKey(key);
                }
                else
                {
                    into.UpdateKey(key);
                }
            }

            foreach (var meta in from.ListMeta())
            {
                into.UpsertMeta(meta);
            }

            foreach (var id in from.ListAllReportIds())
            {
                into.InsertReport(from.FindReport(id)!);
                if (from.ListBlobsOf(id) is { Count: > 0 } blobs)
                {
                    into.InsertBlobs(blobs);
                }
            }

            foreach (var id in from.ListDraftIds())
            {
                into.UpsertDraft(from.FindDraft(id)!);
                foreach (var blob in from.ListDraftBlobsOf(id))
                {
                    into.InsertDraftBlob(blob);
                }
            }

            foreach (var entry in from.ListAudit())
            {
                into.InsertAudit(entry);
            }

            return true;
        });
    });
}
