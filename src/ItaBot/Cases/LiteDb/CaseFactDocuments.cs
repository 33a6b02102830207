using System.Buffers.Binary;
using System.Globalization;
using LiteDB;

namespace ItaBot.Cases.LiteDb;

/// <summary>
/// Reads and writes <see cref="CaseFact"/> documents ("case_facts"). The document id is "CreatedAt ticks (19 digits)|case
/// id": ids sort by filing time, so the cases filed in a period are one range of the primary index (no secondary index to
/// maintain on every write), in an order that does not depend on how the file was written. A case's filing time never
/// changes, so the id of its facts is known from the case alone.
/// </summary>
internal static class CaseFactDocuments
{
    public const string CollectionName = "case_facts";

    /// <summary>
    /// The marker in "counters" saying every case has its facts (written once the start-up backfill is done). Not "case-…":
    /// those ids are the case-number counters of fiscal years.
    /// </summary>
    public const string BackfilledMarker = "facts:case_facts-backfilled";

    private const byte Layout = 1;
    private const int Header = 4 + (6 * 8);

    public static bool IsComplete(LiteDatabase db) =>
        db.GetCollection(LiteDbCaseStore.CountersCollection).FindById(BackfilledMarker) is not null;

    public static void MarkComplete(LiteDatabase db) =>
        db.GetCollection(LiteDbCaseStore.CountersCollection).Upsert(new BsonDocument { ["_id"] = BackfilledMarker, ["Value"] = 1 });

    /// <summary>Run by the schema as the file opens, before the writer starts: a file with no cases needs no backfill.</summary>
    public static void MarkCompleteIfNoCases(LiteDatabase db)
    {
        if (!IsComplete(db) && db.GetCollection(LiteDbCaseStore.CollectionName).FindOne(Query.All()) is null)
        {
            MarkComplete(db);
        }
    }

    public static string Key(DateTime createdAtUtc, string caseId) =>
        string.Create(CultureInfo.InvariantCulture, $"{createdAtUtc.Ticks:D19}|{caseId}");

    /// <summary>The lowest key of cases filed at or after <paramref name="utc"/> (a key starting with these digits sorts after it).</summary>
    public static string KeyFrom(DateTime utc) => string.Create(CultureInfo.InvariantCulture, $"{utc.Ticks:D19}");

    /// <summary>
    /// The facts of cases filed in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first, read a chunk at a
    /// time (each chunk its own short read, so a long scan never holds the file against the writer's checkpoints).
    /// </summary>
    public static IEnumerable<CaseFact> Scan(LiteDatabase db, DateTime fromUtc, DateTime toUtc, int chunk = 4096, CancellationToken cancellationToken = default)
    {
        var collection = db.GetCollection(CollectionName);
        var upper = KeyFrom(toUtc);
        var lower = KeyFrom(fromUtc);
        var inclusive = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var where = inclusive
                ? Query.And(Query.GTE("_id", lower), Query.LT("_id", upper))
                : Query.And(Query.GT("_id", lower), Query.LT("_id", upper));
            var documents = collection.Find(where, 0, chunk).ToList();
            foreach (var d in documents)
            {
                yield return FromBson(d);
            }

            if (documents.Count < chunk)
            {
                yield break;
            }

            lower = documents[^1]["_id"].AsString;
            inclusive = false;
        }
    }

    /// <summary>
    /// Compact on purpose (a million of these are read per fiscal year, and LiteDB's cost is per field and per date it
    /// converts): the id, number, category and department as strings, everything else in one binary field "F",
    /// little-endian: byte 0 layout version (1), byte 1 channel, byte 2 rating score (0 = none), byte 3 unused; then six
    /// Int64 times in milliseconds since the Unix epoch (UTC; <see cref="long.MinValue"/> = not yet): acknowledge by,
    /// acknowledged at, answer by, answered at, closed at, rated at; then one Int64 per status entered, the time in
    /// milliseconds shifted left 3 bits with the status in the low bits.
    /// </summary>
    public static BsonDocument ToBson(CaseFact f)
    {
        var bytes = new byte[Header + (8 * f.Statuses.Count)];
        bytes[0] = Layout;
        bytes[1] = (byte)f.Channel;
        bytes[2] = (byte)(f.RatingScore ?? 0);
        var times = bytes.AsSpan(4);
        Write(times, 0, f.AcknowledgeBy);
        Write(times, 1, f.AcknowledgedAt);
        Write(times, 2, f.AnswerBy);
        Write(times, 3, f.AnsweredAt);
        Write(times, 4, f.ClosedAt);
        Write(times, 5, f.RatedAt);
        for (var i = 0; i < f.Statuses.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(Header + (8 * i)), (UnixMs(f.Statuses[i].At) << 3) | (long)f.Statuses[i].Status);
        }

        return new BsonDocument
        {
            ["_id"] = Key(f.CreatedAt, f.CaseId),
            ["Number"] = f.Number,
            ["Category"] = f.CategoryId,
            ["Department"] = f.Department,
            ["F"] = bytes,
        };
    }

    public static CaseFact FromBson(BsonDocument d)
    {
        var id = d["_id"].AsString;
        var bar = id.IndexOf('|', StringComparison.Ordinal);
        var created = new DateTime(long.Parse(id.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var bytes = d["F"].AsBinary;
        if (bytes.Length < Header || bytes[0] != Layout)
        {
            throw new InvalidDataException($"Case facts {id} have an unknown layout.");
        }

        var entries = new CaseFact.StatusEntry[(bytes.Length - Header) / 8];
        for (var i = 0; i < entries.Length; i++)
        {
            var packed = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(Header + (8 * i)));
            entries[i] = new CaseFact.StatusEntry(FromUnixMs(packed >> 3), (CaseStatus)(packed & 7));
        }

        var times = bytes.AsSpan(4);
        return new CaseFact(
            id[(bar + 1)..],
            d["Number"].AsString,
            created,
            d["Category"].AsString,
            d["Department"].AsString,
            (CaseChannel)bytes[1],
            Read(times, 0) ?? DateTime.MaxValue,
            Read(times, 1),
            Read(times, 2) ?? DateTime.MaxValue,
            Read(times, 3),
            Read(times, 4),
            entries,
            bytes[2] == 0 ? null : bytes[2],
            Read(times, 5));
    }

    private static void Write(Span<byte> times, int slot, DateTime? value) =>
        BinaryPrimitives.WriteInt64LittleEndian(times[(8 * slot)..], value is { } v ? UnixMs(v) : long.MinValue);

    private static DateTime? Read(ReadOnlySpan<byte> times, int slot) =>
        BinaryPrimitives.ReadInt64LittleEndian(times[(8 * slot)..]) is var ms && ms != long.MinValue ? FromUnixMs(ms) : null;

    private static DateTime FromUnixMs(long ms) => new(DateTime.UnixEpoch.Ticks + (ms * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private static long UnixMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
