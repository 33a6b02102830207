using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault.Audit;

/// <summary>
/// Append-only, hash-chained audit log inside vault.db. Entry n's hash is SHA-256(hash of entry n-1 | canonical JSON
/// of entry n); the first links to 32 zero bytes. The head (last sequence and hash) is also kept under an HMAC with a
/// vault key, so cutting entries off the end is detected too. Entries hold ids and actions, never content.
/// Appends run on the writer thread, in the same transaction as the change they record.
/// </summary>
internal sealed class AuditLog(byte[] headKey)
{
    private const string HeadId = "audit-head";
    private static readonly string Genesis = new('0', 64);

    public static DateTime Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);   // stores keep milliseconds (LiteDB; PostgreSQL keeps microseconds)

    public AuditDocument Append(IVaultTransaction storage, DateTimeOffset at, string actor, string action, string? reportId = null, string? detail = null)
    {
        var last = storage.LastAudit();
        var entry = new AuditDocument
        {
            Id = (last?.Id ?? 0) + 1,
            At = Truncate(at),
            Actor = actor,
            Action = action,
            ReportId = reportId,
            Detail = detail,
            PreviousHash = last?.Hash ?? Genesis,
        };
        entry.Hash = HashOf(entry);
        storage.InsertAudit(entry);
        storage.UpsertMeta(new MetaDocument { Id = HeadId, Value = entry.Id, Text = HeadMac(entry.Id, entry.Hash) });
        return entry;
    }

    public AuditVerification Verify(IVaultReads storage)
    {
        var previousHash = Genesis;
        long expected = 1;
        long count = 0;
        foreach (var entry in storage.ListAudit())
        {
            count++;
            if (entry.Id != expected)
            {
                return new AuditVerification(false, count, expected, $"entry {expected} is missing (next is {entry.Id})");
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, count, entry.Id, $"entry {entry.Id} does not link to entry {entry.Id - 1}");
            }

            if (!string.Equals(HashOf(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, count, entry.Id, $"entry {entry.Id} was altered (its hash does not match its content)");
            }

            previousHash = entry.Hash;
            expected++;
        }

        var head = storage.FindMeta(HeadId);
        var last = expected - 1;
        if (head is null ? last != 0 : head.Value != last || !string.Equals(head.Text, HeadMac(last, previousHash), StringComparison.Ordinal))
        {
            return new AuditVerification(false, count, last + 1,
                head is null ? "the chain's head record is missing" : $"the chain ends at entry {last} but its signed head says {head.Value}: entries were cut off or the head was forged");
        }

        return new AuditVerification(true, count, null, null);
    }

    public static string HashOf(AuditDocument entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", entry.Id);
            json.WriteNumber("at", DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).Ticks);
            json.WriteString("actor", entry.Actor);
            json.WriteString("action", entry.Action);
            json.WriteString("report", entry.ReportId);
            json.WriteString("detail", entry.Detail);
            json.WriteEndObject();
        }

        var previous = Convert.FromHexString(entry.PreviousHash);
        var input = new byte[previous.Length + buffer.WrittenCount];
        previous.CopyTo(input, 0);
        buffer.WrittenSpan.CopyTo(input.AsSpan(previous.Length));
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    private string HeadMac(long sequence, string hash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(headKey, Encoding.ASCII.GetBytes($"audit-head\n{sequence}\n{hash}")));
}
