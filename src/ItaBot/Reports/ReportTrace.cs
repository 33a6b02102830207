using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Reports;

/// <summary>
/// <see cref="IReportTrace"/>: counts the records of each kind and hashes them into one SHA-256, incrementally (nothing is
/// kept per record). Each record adds UTF-8 kind, a 0 byte, UTF-8 id, a 0 byte and the state as 8 bytes little-endian.
/// With nothing added the digest is SHA-256 of nothing (e3b0c442…). Not thread-safe: the compiler asks its sources one
/// after another, which also keeps the order of records, and so the digest, the same on a recompile.
/// </summary>
internal sealed class ReportTrace : IReportTrace, IDisposable
{
    public const string CaseKind = "case";
    public const string ProtectedKind = "protected";
    public const string QuestionKind = "question";
    public const string ServiceKind = "service";

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[256];

    public void Add(string kind, string id, long state)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        var length = Encoding.UTF8.GetMaxByteCount(kind.Length + id.Length) + 10;
        if (_buffer.Length < length)
        {
            _buffer = new byte[length * 2];
        }

        var n = Encoding.UTF8.GetBytes(kind, _buffer);
        _buffer[n++] = 0;
        n += Encoding.UTF8.GetBytes(id, _buffer.AsSpan(n));
        _buffer[n++] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(n), state);
        _hash.AppendData(_buffer, 0, n + 8);
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
    }

    public int Count(string kind) => _counts.GetValueOrDefault(kind);

    /// <summary>The counts and the digest of everything added so far (the trace can go on after).</summary>
    public SnapshotTrace ToSnapshotTrace() => new(
        Count(CaseKind),
        Count(ProtectedKind),
        Count(QuestionKind),
        Count(ServiceKind),
        Convert.ToHexStringLower(_hash.GetCurrentHash()));

    public void Dispose() => _hash.Dispose();
}
