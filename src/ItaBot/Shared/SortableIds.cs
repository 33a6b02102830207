using System.Security.Cryptography;

namespace ItaBot.Shared;

/// <summary>
/// Ids of 24 lower-case hex digits that sort by creation time: seconds since 1970, five random bytes of this process, a
/// three-byte counter (the layout of a MongoDB/LiteDB ObjectId, so ids stored before stay the same kind). Made here, not
/// by a database, so that every store keeps the same ids.
/// </summary>
internal static class SortableIds
{
    private static readonly byte[] Process = RandomNumberGenerator.GetBytes(5);
    private static int _counter = RandomNumberGenerator.GetInt32(0, 0xFFFFFF);

    public static string New()
    {
        var seconds = (uint)TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var count = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        Span<byte> bytes = stackalloc byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, seconds);
        Process.CopyTo(bytes[4..]);
        bytes[9] = (byte)(count >> 16);
        bytes[10] = (byte)(count >> 8);
        bytes[11] = (byte)count;
        return Convert.ToHexStringLower(bytes);
    }
}
