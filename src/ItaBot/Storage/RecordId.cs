using System.Security.Cryptography;

namespace ItaBot.Storage;

/// <summary>
/// New record ids that sort by creation, whatever the store: 24 hex digits laid out as a BSON ObjectId (seconds since
/// 1970, five random bytes fixed per process, a counter), so ids written before this type existed sort with the new ones.
/// Several processes may write one database: the random part keeps their ids apart.
/// </summary>
internal static class RecordId
{
    private static readonly byte[] Process = RandomNumberGenerator.GetBytes(5);
    private static int _counter = RandomNumberGenerator.GetInt32(0x1000000);

    public static string New(TimeProvider? time = null)
    {
        var seconds = (uint)(time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        Span<byte> bytes = stackalloc byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, seconds);
        Process.CopyTo(bytes[4..]);
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;
        return Convert.ToHexStringLower(bytes);
    }
}
