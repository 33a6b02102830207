using System.Collections.Concurrent;
using System.Globalization;
using LiteDB;
using LiteDB.Engine;

namespace ItaBot.Benchmarks.Micro;

/// <summary>
/// ITABOT_BENCH_WRITES=1: what a turn asks of the LiteDB engine, call by call, by phase of the turn and collection —
/// documents inserted, updated, upserted, deleted and read, and their BSON bytes (serialised again here to size them:
/// a run of its own, its bytes and times are not a turn's). <see cref="Phase"/> is set by the turn (turns run one at a
/// time, so a write the writer thread runs belongs to the phase that queued it).
/// </summary>
internal sealed class StoreTally
{
    public static volatile int Phase;

    private readonly ConcurrentDictionary<(int Phase, string Collection, string Op), Counts> _counts = new();

    public void Add(string collection, string op, long documents, long bytes)
    {
        var counts = _counts.GetOrAdd((Phase, collection, op), _ => new Counts());
        Interlocked.Increment(ref counts.Calls);
        Interlocked.Add(ref counts.Documents, documents);
        Interlocked.Add(ref counts.Bytes, bytes);
    }

    public void Reset() => _counts.Clear();

    public void Print(string what, long turns, IReadOnlyList<string> phaseNames)
    {
        if (turns == 0 || _counts.IsEmpty)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: LiteDB engine calls per turn over {turns} turns (phase | collection | call | calls | documents | BSON bytes per document)"));
        foreach (var ((phase, collection, op), counts) in _counts.OrderBy(c => c.Key.Phase).ThenBy(c => c.Key.Collection, StringComparer.Ordinal).ThenBy(c => c.Key.Op, StringComparer.Ordinal))
        {
            var phaseName = phase < phaseNames.Count ? phaseNames[phase] : phase.ToString(CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"//   {phaseName} | {collection} | {op} | {(double)counts.Calls / turns:0.00} | {(double)counts.Documents / turns:0.00} | {(counts.Documents == 0 ? 0 : counts.Bytes / counts.Documents):N0}"));
        }
    }

    private sealed class Counts
    {
        public long Calls;
        public long Documents;
        public long Bytes;
    }
}

/// <summary>An engine that tells a <see cref="StoreTally"/> every call before passing it on.</summary>
internal sealed class TallyEngine(ILiteEngine inner, StoreTally tally) : ILiteEngine
{
    public int Checkpoint()
    {
        tally.Add("(file)", "checkpoint", 0, 0);
        return inner.Checkpoint();
    }

    public long Rebuild(RebuildOptions options) => inner.Rebuild(options);

    public bool BeginTrans()
    {
        tally.Add("(file)", "begin", 0, 0);
        return inner.BeginTrans();
    }

    public bool Commit()
    {
        tally.Add("(file)", "commit", 0, 0);
        return inner.Commit();
    }

    public bool Rollback()
    {
        tally.Add("(file)", "rollback", 0, 0);
        return inner.Rollback();
    }

    public IBsonDataReader Query(string collection, Query query)
    {
        var where = query.Where.Count == 0 ? "all" : string.Join(" and ", query.Where.Select(w => w.Source));
        var select = query.Select is { } s && s.Source != "$" ? " select " + s.Source : "";
        return new Reader(inner.Query(collection, query), tally, collection, "read " + where + select);
    }

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => inner.Insert(collection, Counted(collection, "insert", docs), autoId);

    public int Update(string collection, IEnumerable<BsonDocument> docs) => inner.Update(collection, Counted(collection, "update", docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate)
    {
        tally.Add(collection, "update many " + predicate.Source, 0, 0);
        return inner.UpdateMany(collection, transform, predicate);
    }

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => inner.Upsert(collection, Counted(collection, "upsert", docs), autoId);

    public int Delete(string collection, IEnumerable<BsonValue> ids)
    {
        var list = ids.ToList();
        tally.Add(collection, "delete", list.Count, 0);
        return inner.Delete(collection, list);
    }

    public int DeleteMany(string collection, BsonExpression predicate)
    {
        tally.Add(collection, "delete many " + predicate.Source, 0, 0);
        return inner.DeleteMany(collection, predicate);
    }

    public bool DropCollection(string name) => inner.DropCollection(name);

    public bool RenameCollection(string name, string newName) => inner.RenameCollection(name, newName);

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => inner.EnsureIndex(collection, name, expression, unique);

    public bool DropIndex(string collection, string name) => inner.DropIndex(collection, name);

    public BsonValue Pragma(string name) => inner.Pragma(name);

    public bool Pragma(string name, BsonValue value) => inner.Pragma(name, value);

    public void Dispose() => inner.Dispose();

    // A document's "Json" field as last written, by collection and id: a write that leaves it as it was is counted apart.
    private readonly ConcurrentDictionary<(string, BsonValue), string> _lastJson = new();

    private List<BsonDocument> Counted(string collection, string op, IEnumerable<BsonDocument> docs)
    {
        var list = docs.ToList();
        foreach (var document in list.Where(d => d.ContainsKey("Json") && d["Json"].IsString))
        {
            var json = document["Json"].AsString;
            if (_lastJson.TryGetValue((collection, document["_id"]), out var last) && last == json)
            {
                tally.Add(collection, op + " (Json as last written)", 1, 0);
            }

            _lastJson[(collection, document["_id"])] = json;
        }

        tally.Add(collection, op, list.Count, list.Sum(d => (long)BsonSerializer.Serialize(d).Length));
        return list;
    }

    private sealed class Reader(IBsonDataReader inner, StoreTally tally, string collection, string op) : IBsonDataReader
    {
        private long _documents;
        private long _bytes;

        public BsonValue this[string field] => inner[field];

        public string Collection => inner.Collection;

        public BsonValue Current => inner.Current;

        public bool HasValues => inner.HasValues;

        public bool Read()
        {
            if (!inner.Read())
            {
                return false;
            }

            _documents++;
            _bytes += inner.Current.IsDocument ? BsonSerializer.Serialize(inner.Current.AsDocument).Length : 0;
            return true;
        }

        public void Dispose()
        {
            tally.Add(collection, op, _documents, _bytes);
            inner.Dispose();
        }
    }
}
