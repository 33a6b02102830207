using ItaBot.Storage.LiteDb;
using ItaBot.Tests.Support;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Load;
using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Webhook;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItaBot.Benchmarks.Micro;

/// <summary>
/// The durable part of POST /webhook: <see cref="InboxStore.AppendAsync"/> through the group-committing
/// <see cref="StoreWriter"/>, against a real LiteDB file in a temp directory, with 1, 8 and 64 concurrent writers
/// (each writer is one webhook request: append one event, wait for the commit, next). One operation is one event.
/// </summary>
[Config(typeof(ShortConfig))]
public class InboxAppendBenchmarks
{
    private const int EventsPerInvocation = 4096;
    private string _directory = "";
    private MessagingStore _store = null!;
    private ItaBot.Webhook.LiteDb.LiteDbInboxStore _inbox = null!;
    private RawWebhookEvent[] _events = [];
    private int _next;
    private long _batchesBefore;
    private long _writesBefore;

    [Params(1, 8, 64)]
    public int Writers { get; set; }

    [Params(512)]
    public int MaxBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("itabot-inbox-bench-").FullName;
        _store = TestStores.Messaging(new StorageOptions { DataDirectory = _directory, MaxBatch = MaxBatch });
        _inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        // Enough distinct events for every iteration (BenchmarkDotNet runs warm-up, pilot and measured iterations).
        var bodies = new WebhookBodies("bench-channel-secret", "127.0.0.1", 1_700_000_000_000);
        _events = [.. Enumerable.Range(0, 400_000).Select(i => WebhookEnvelope.Split(bodies.Signed(i).Body).Events[0])];
    }

    [IterationSetup]
    public void Before()
    {
        _batchesBefore = _store.Writer.Batches;
        _writesBefore = _store.Writer.Writes;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public async Task InboxAppend()
    {
        var perWriter = EventsPerInvocation / Writers;
        var writers = new Task[Writers];
        for (var w = 0; w < Writers; w++)
        {
            writers[w] = Task.Run(async () =>
            {
                for (var k = 0; k < perWriter; k++)
                {
                    var index = Interlocked.Increment(ref _next) - 1;
                    if (index >= _events.Length)
                    {
                        throw new InvalidOperationException("Ran out of prepared events; raise the count in Setup.");
                    }

                    var added = await _inbox.AppendAsync("Ubench", [_events[index]]);
                    if (added.Count != 1)
                    {
                        throw new InvalidOperationException("An event was not stored.");
                    }
                }
            });
        }

        await Task.WhenAll(writers);
    }

    [IterationCleanup]
    public void After()
    {
        var batches = _store.Writer.Batches - _batchesBefore;
        var writes = _store.Writer.Writes - _writesBefore;
        Console.WriteLine($"// InboxAppend writers={Writers}: {writes} writes in {batches} commits ({(batches == 0 ? 0 : (double)writes / batches):0.0} per commit)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }
}
