using LiteDB;
using LiteDB.Engine;

namespace ItaBot.LiteDb;

/// <summary>
/// A LiteDB engine that lets one thread at a time into the engine it wraps, call by call (a query's reader too, read
/// by read). LiteDB 5's page cache loses pages when two threads miss the same page at once: both load it, one copy is
/// kept, the other is neither cached nor free again, and the cache grows by 8 MB segments it never gives back (LiteDB
/// issues #2020, #2813). Every checkpoint empties the cache, so the turn lanes and the writer miss together several
/// times a minute under load: draining a 140,000-event backlog lost ~1,800 pages (14 MB) this way. Calls are short (the
/// writer's transaction spans many calls; only each call holds the lock), so waiting here costs little.
/// </summary>
/// <remarks>
/// A checkpoint is the exception: it waits inside LiteDB until every open transaction ends, and a reader between two
/// reads may need this lock to finish, so it runs without it. LiteDB's exclusive lock keeps everyone else out of the
/// cache meanwhile.
/// </remarks>
public sealed class OneAtATimeEngine(ILiteEngine inner) : ILiteEngine
{
    private readonly Lock _gate = new();

    public int Checkpoint() => inner.Checkpoint();

    public long Rebuild(RebuildOptions options) => inner.Rebuild(options);

    public bool BeginTrans()
    {
        lock (_gate)
        {
            return inner.BeginTrans();
        }
    }

    public bool Commit()
    {
        lock (_gate)
        {
            return inner.Commit();
        }
    }

    public bool Rollback()
    {
        lock (_gate)
        {
            return inner.Rollback();
        }
    }

    public IBsonDataReader Query(string collection, Query query)
    {
        lock (_gate)
        {
            return new OneAtATimeReader(inner.Query(collection, query), _gate);
        }
    }

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId)
    {
        lock (_gate)
        {
            return inner.Insert(collection, docs, autoId);
        }
    }

    public int Update(string collection, IEnumerable<BsonDocument> docs)
    {
        lock (_gate)
        {
            return inner.Update(collection, docs);
        }
    }

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate)
    {
        lock (_gate)
        {
            return inner.UpdateMany(collection, transform, predicate);
        }
    }

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId)
    {
        lock (_gate)
        {
            return inner.Upsert(collection, docs, autoId);
        }
    }

    public int Delete(string collection, IEnumerable<BsonValue> ids)
    {
        lock (_gate)
        {
            return inner.Delete(collection, ids);
        }
    }

    public int DeleteMany(string collection, BsonExpression predicate)
    {
        lock (_gate)
        {
            return inner.DeleteMany(collection, predicate);
        }
    }

    public bool DropCollection(string name)
    {
        lock (_gate)
        {
            return inner.DropCollection(name);
        }
    }

    public bool RenameCollection(string name, string newName)
    {
        lock (_gate)
        {
            return inner.RenameCollection(name, newName);
        }
    }

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique)
    {
        lock (_gate)
        {
            return inner.EnsureIndex(collection, name, expression, unique);
        }
    }

    public bool DropIndex(string collection, string name)
    {
        lock (_gate)
        {
            return inner.DropIndex(collection, name);
        }
    }

    public BsonValue Pragma(string name)
    {
        lock (_gate)
        {
            return inner.Pragma(name);
        }
    }

    public bool Pragma(string name, BsonValue value)
    {
        lock (_gate)
        {
            return inner.Pragma(name, value);
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>A query's results, read one at a time through the same gate (a read may load pages).</summary>
    private sealed class OneAtATimeReader(IBsonDataReader inner, Lock gate) : IBsonDataReader
    {
        public BsonValue this[string field] => inner[field];

        public string Collection => inner.Collection;

        public BsonValue Current => inner.Current;

        public bool HasValues => inner.HasValues;

        public bool Read()
        {
            lock (gate)
            {
                return inner.Read();
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                inner.Dispose();
            }
        }
    }
}
