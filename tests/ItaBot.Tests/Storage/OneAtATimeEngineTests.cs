using ItaBot.LiteDb;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using LiteDB;
using LiteDB.Engine;

namespace ItaBot.Tests.Storage;

/// <summary>
/// The engine wrapper that keeps LiteDB 5's page cache from leaking: one thread at a time inside the real engine,
/// call by call and read by read; a checkpoint waits inside LiteDB for open readers, so it runs outside the gate.
/// </summary>
public sealed class OneAtATimeEngineTests
{
    [Fact]
    public async Task ManyThreadsReadingAndWriting_NeverMeetInsideTheEngine()
    {
        var probe = new ConcurrencyProbe();
        using var engine = new OneAtATimeEngine(probe);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                engine.Insert("t", [new BsonDocument { ["_id"] = $"{t}-{i}" }], BsonAutoId.ObjectId);
                using var reader = engine.Query("t", new Query());
                while (reader.Read())
                {
                }
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(threads);

        Assert.Equal(8 * 50 * (1 + 3 + 1), probe.Calls);
        Assert.Equal(1, probe.MostAtOnce);
    }

    [Fact]
    public async Task Checkpoint_RunsWhileAReaderHoldsTheGate()
    {
        var probe = new ConcurrencyProbe();
        using var engine = new OneAtATimeEngine(probe);
        using var reader = engine.Query("t", new Query());
        using var hold = new ManualResetEventSlim();
        probe.HoldReads = hold;
        var reading = Task.Run(reader.Read, TestContext.Current.CancellationToken);
        await Wait.UntilAsync(() => probe.Inside == 1, what: "a read inside the engine");

        var checkpoint = Task.Run(engine.Checkpoint, TestContext.Current.CancellationToken);

        Assert.Equal(7, await checkpoint.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        hold.Set();
        await reading;
    }

    [Fact]
    public void RealDatabase_ThroughTheWrapper_StoresQueriesAndRollsBack()
    {
        var directory = TempDirectory.Create();
        using var db = new LiteDatabase(new OneAtATimeEngine(new LiteEngine(new EngineSettings { Filename = Path.Combine(directory, "t.db") })));
        var collection = db.GetCollection("t");
        collection.Insert(new BsonDocument { ["_id"] = 1, ["Name"] = "ก" });
        db.BeginTrans();
        collection.Insert(new BsonDocument { ["_id"] = 2 });
        db.Rollback();

        Assert.Equal(1, collection.Count());
        Assert.Equal("ก", collection.FindById(1)["Name"].AsString);
        db.Checkpoint();
        Assert.Equal(1, collection.Count());
    }

    /// <summary>An engine that counts who is inside it at once; reads return three rows, slowly.</summary>
    private sealed class ConcurrencyProbe : ILiteEngine
    {
        private int _inside;
        private int _most;
        private int _calls;

        public ManualResetEventSlim? HoldReads { get; set; }

        public int Inside => Volatile.Read(ref _inside);

        public int MostAtOnce => Volatile.Read(ref _most);

        public int Calls => Volatile.Read(ref _calls);

        public int Checkpoint() => 7;

        public long Rebuild(RebuildOptions options) => 0;

        public bool BeginTrans() => Enter(() => true);

        public bool Commit() => Enter(() => true);

        public bool Rollback() => Enter(() => true);

        public IBsonDataReader Query(string collection, Query query) => Enter(() => new Rows(this));

        public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Enter(() => docs.Count());

        public int Update(string collection, IEnumerable<BsonDocument> docs) => Enter(() => 0);

        public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Enter(() => 0);

        public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Enter(() => 0);

        public int Delete(string collection, IEnumerable<BsonValue> ids) => Enter(() => 0);

        public int DeleteMany(string collection, BsonExpression predicate) => Enter(() => 0);

        public bool DropCollection(string name) => Enter(() => true);

        public bool RenameCollection(string name, string newName) => Enter(() => true);

        public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Enter(() => true);

        public bool DropIndex(string collection, string name) => Enter(() => true);

        public BsonValue Pragma(string name) => Enter(() => BsonValue.Null);

        public bool Pragma(string name, BsonValue value) => Enter(() => true);

        public void Dispose()
        {
        }

        private T Enter<T>(Func<T> call)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _inside);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }

            try
            {
                Thread.SpinWait(200);
                HoldReads?.Wait(TimeSpan.FromSeconds(30));
                return call();
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        private sealed class Rows(ConcurrencyProbe probe) : IBsonDataReader
        {
            private int _left = 2;

            public BsonValue this[string field] => BsonValue.Null;

            public string Collection => "t";

            public BsonValue Current => new BsonDocument();

            public bool HasValues => true;

            public bool Read() => probe.Enter(() => _left-- > 0);

            public void Dispose()
            {
            }
        }
    }
}
