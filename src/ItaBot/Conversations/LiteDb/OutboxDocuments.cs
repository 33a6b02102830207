using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>
/// An outbox entry as a LiteDB document. An answer's messages of 1 KB or more are stored Brotli-compressed (binary: the
/// UTF-8 length, then the compressed bytes; a string is the JSON as it is, as files made before hold it): the answer of a
/// Q&amp;A card is ~7.8 KB of JSON, a document spanning two data pages for the moment between the turn's commit and its
/// send (whose record rewrites it to its facts), ~1.8 KB compressed. Only an answer its turn knows to be of the general
/// channel is compressed: a protected-channel answer (or one whose channel is not known here) stays plain text, because the
/// vault's checks scan the file's bytes for a report's words and a compressed copy would hide them from that scan (those
/// answers are wiped when parked and dropped when sent, as before).
/// </summary>
internal static class OutboxDocuments
{
    /// <summary>Messages' JSON shorter than this (UTF-8 bytes) are stored as they are.</summary>
    internal const int CompressFrom = 1024;

    public static BsonDocument ToBson(OutboxEntry e) => new()
    {
        ["_id"] = e.Id,
        ["EventId"] = e.EventId,
        ["Lane"] = e.LaneKey,
        ["To"] = e.To,
        ["ReplyToken"] = e.ReplyToken,
        ["EventTs"] = e.EventTimestamp,
        ["Messages"] = e.EventRedacted == false ? Stored(e.MessagesJson) : e.MessagesJson,
        ["RetryKey"] = e.RetryKey,
        ["State"] = (int)e.State,
        ["Attempts"] = e.Attempts,
        ["Error"] = e.Error,
        ["Via"] = e.Via,
        ["CreatedAt"] = e.CreatedAt,
        ["SentAt"] = e.SentAt,
    };

    public static OutboxEntry FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        EventId = BsonValues.NullableString(d["EventId"]),
        LaneKey = d["Lane"].AsString,
        To = BsonValues.NullableString(d["To"]),
        ReplyToken = BsonValues.NullableString(d["ReplyToken"]),
        EventTimestamp = d["EventTs"].IsNull ? 0 : d["EventTs"].AsInt64,
        MessagesJson = d["Messages"].IsNull ? "[]" : d["Messages"].IsBinary ? Json(d["Messages"].AsBinary) : d["Messages"].AsString,
        RetryKey = d["RetryKey"].IsNull ? Guid.Empty : d["RetryKey"].AsGuid,
        State = (OutboxState)d["State"].AsInt32,
        Attempts = d["Attempts"].AsInt32,
        Error = BsonValues.NullableString(d["Error"]),
        Via = BsonValues.NullableString(d["Via"]),
        CreatedAt = d["CreatedAt"].AsDateTime,
        SentAt = d["SentAt"].IsNull ? null : d["SentAt"].AsDateTime,
    };

    /// <summary>The messages' JSON as stored: compressed from <see cref="CompressFrom"/> bytes on.</summary>
    internal static BsonValue Stored(string json)
    {
        var length = json.Length < CompressFrom / 3 ? json.Length : Encoding.UTF8.GetByteCount(json);
        if (length < CompressFrom)
        {
            return json;
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        var compressed = ArrayPool<byte>.Shared.Rent(sizeof(int) + BrotliEncoder.GetMaxCompressedLength(length));
        try
        {
            Encoding.UTF8.GetBytes(json, utf8);
            BinaryPrimitives.WriteInt32LittleEndian(compressed, length);
            return BrotliEncoder.TryCompress(utf8.AsSpan(0, length), compressed.AsSpan(sizeof(int)), out var written, quality: 1, window: 18)
                ? new BsonValue(compressed.AsSpan(0, sizeof(int) + written).ToArray())
                : json;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    /// <summary>The messages' JSON from its compressed form (<see cref="Stored"/>).</summary>
    internal static string Json(byte[] stored)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(stored);
        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!BrotliDecoder.TryDecompress(stored.AsSpan(sizeof(int)), utf8.AsSpan(0, length), out var written) || written != length)
            {
                throw new InvalidDataException("An outbox entry's messages do not decompress to their stored length.");
            }

            return Encoding.UTF8.GetString(utf8, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
