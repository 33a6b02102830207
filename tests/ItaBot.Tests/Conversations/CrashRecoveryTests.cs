using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Conversations;

/// <summary>kill -9 in the middle of a load: every acknowledged event is answered exactly once after restart.</summary>
[Collection(AloneCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Load)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task KillNineMidLoad_EveryAcknowledgedEventIsAnsweredExactlyOnceAfterRestart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var line = await LineStandIn.StartAsync(cancel);
        var directory = TempDirectory.Create();
        var acked = new ConcurrentBag<string>();
        var users = Enumerable.Range(0, 100).Select(_ => Events.NewUserId()).ToArray();

        await using (var service = await ServiceProcess.StartAsync(line.BaseAddress, directory))
        {
            using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(5) };
            using var load = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 16).Select(s => Task.Run(async () =>
            {
                var i = 0;
                while (!load.IsCancellationRequested)
                {
                    var e = Events.Text(users[(s * 7 + i++) % users.Length], $"เรื่องที่ {i} ของผู้ส่ง {s}");
                    try
                    {
                        using var response = await http.SendAsync(ServiceProcess.SignedPost(Events.Body(e)), CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acked.Add(Events.ReplyToken(e));
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // The process died under this request: not acknowledged, so LINE would redeliver it.
                    }
                }
            }, CancellationToken.None)).ToArray();

            await Wait.UntilAsync(() => acked.Count >= 1500, TimeSpan.FromSeconds(30), "1,500 events acknowledged");
            service.Kill();
            await load.CancelAsync();
            await Task.WhenAll(senders);
        }

        var beforeRestart = line.Counts.Replies;
        Assert.True(acked.Count >= 1500);

        await using (var restarted = await ServiceProcess.StartAsync(line.BaseAddress, directory))
        {
            var tokens = acked.ToHashSet(StringComparer.Ordinal);
            await line.WaitUntilAsync(l => l.Sends.Count(s => s.ReplyToken is { } t && tokens.Contains(t)) >= tokens.Count, TimeSpan.FromSeconds(60));
            await DrainedAsync(restarted.Address);

            var replies = line.Sends.Where(s => s.Kind == "reply").GroupBy(s => s.ReplyToken!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.All(tokens, t => Assert.Equal(1, replies.GetValueOrDefault(t)));
            Assert.Equal(0, line.Counts.Pushes);
            TestContext.Current.SendDiagnosticMessage($"acked {tokens.Count}, answered before kill {beforeRestart}, after restart {line.Counts.Replies - beforeRestart}, refused replies {line.Counts.RejectedReplies}");
        }
    }

    private static async Task DrainedAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        await Wait.UntilAsync(() =>
        {
            using var health = JsonDocument.Parse(http.GetStringAsync("/healthz").GetAwaiter().GetResult());
            return health.RootElement.GetProperty("inbox").GetProperty("pending").GetInt32() == 0
                && health.RootElement.GetProperty("outbox").GetProperty("pending").GetInt32() == 0;
        }, TimeSpan.FromSeconds(30), "inbox and outbox drained");
    }
}
