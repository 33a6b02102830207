using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Conversations;

/// <summary>
/// A flood replayed against one real LiteDB file through the real store writer: many webhook requests acknowledged at
/// once while the lanes answer (turns read the file and commit while acknowledgements write), LINE redelivering some of
/// them. Session 12 saw the store break mid-flood ("page must be writable to support changes", then "Maximum number of
/// transactions reached"). Not timed: the waits are guards.
/// </summary>
public sealed class FloodReplayTests : IAsyncLifetime
{
    private const int Users = 120;
    private const int Posters = 16;
    private const int RequestsPerPoster = 30;

    private static readonly string[] Texts =
    [
        "ลูกเพิ่งเกิดต้องแจ้งที่ไหนคะ",
        "จ่ายภาษีบ้านได้ที่ไหน",
        "ไฟทางหน้าบ้านไม่ติด",
        "เงินคนแก่ได้กี่บาท",
        "ขอเบอร์ติดต่อเทศบาลหน่อยค่ะ",
        "รถขยะมาวันไหนบ้าง",
        "สวัสดีค่ะ",
        "เมนู",
    ];

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Load)]
    public async Task Flood_OnLiteDb_EveryEventIsAnsweredOnce_AndTheStoreStaysHealthy()
    {
        await using var host = new ServiceHost(_line);
        var users = Enumerable.Range(0, Users).Select(_ => Events.NewUserId()).ToArray();
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = 0;

        // The test host starts on its first request: started (and warm) before the clients come all at once.
        var warm = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        tokens.Add(Events.ReplyToken(warm));
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(warm))).StatusCode);
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(30));

        // Sixteen clients at once, each a stream of requests of one to three events (follows, questions, menu words) from
        // the same users, so that many conversations run in every lane; every fifth request is delivered twice, as LINE
        // redelivers, and must not be answered twice.
        await Task.WhenAll(Enumerable.Range(0, Posters).Select(poster => Task.Run(async () =>
        {
            for (var r = 0; r < RequestsPerPoster; r++)
            {
                var n = (poster * RequestsPerPoster) + r;
                var events = Enumerable.Range(0, 1 + (n % 3)).Select(i =>
                {
                    var user = users[((n * 7) + (i * 31)) % users.Length];
                    return (n + i) % 11 == 0 ? Events.Follow(user) : Events.Text(user, Texts[(n + i) % Texts.Length]);
                }).ToArray();
                foreach (var e in events)
                {
                    tokens.Add(Events.ReplyToken(e));
                }

                var body = Events.Body(events);
                for (var delivery = 0; delivery < (n % 5 == 0 ? 2 : 1); delivery++)
                {
                    using var response = await host.PostWebhookAsync(body);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, refused);
        var expected = tokens.Count;
        await _line.WaitUntilAsync(l => l.Counts.Replies + l.Counts.Pushes >= expected, TimeSpan.FromSeconds(240));
        await host.NothingLeftToSendAsync();

        // Every acknowledged event answered once: by reply on its own token, or (a token that aged under the load) once by push.
        var counts = _line.Counts;
        Assert.Equal(expected, counts.Replies + counts.Pushes);
        Assert.Equal(0, counts.RejectedReplies + counts.DuplicatePushes);
        var replied = _line.Sends.Where(s => s.ReplyToken is not null).Select(s => s.ReplyToken!).ToList();
        Assert.Equal(replied.Count, replied.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(tokens.ToHashSet(StringComparer.Ordinal), replied.ToHashSet(StringComparer.Ordinal));

        // The store is healthy after: nothing failed or was parked, /healthz says ok, and a new conversation is answered.
        Assert.DoesNotContain(host.Logs, line => line.Contains("page must be writable", StringComparison.Ordinal)
            || line.Contains("Maximum number of transactions", StringComparison.Ordinal)
            || line.Contains("store failure", StringComparison.Ordinal)
            || line.Contains("Parked", StringComparison.Ordinal));
        var inbox = host.Services.GetRequiredService<IInboxStore>();
        Assert.Equal(0, inbox.Count(InboxState.Parked));
        Assert.Equal(0, host.Services.GetRequiredService<IOutboxStore>().Count(OutboxState.Parked));
        using (var health = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/healthz", TestContext.Current.CancellationToken)))
        {
            Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
            Assert.Equal("ok", health.RootElement.GetProperty("store").GetProperty("status").GetString());
        }

        var after = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(after))).StatusCode);
        await _line.WaitUntilAsync(l => l.Sends.Any(s => string.Equals(s.ReplyToken, Events.ReplyToken(after), StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
    }
}
