using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Webhook;

public sealed class RetentionTests
{
    [Fact]
    public async Task Purge_AfterRetentionDays_DeletesHandledEventsAndSentAnswersButKeepsRecentOnes()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = new ServiceHost(line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: new Dictionary<string, string?> { ["ItaBot:Storage:RetentionDays"] = "30" });
        var old = Events.Text(Events.NewUserId(), "เก่า");
        await host.PostWebhookAsync(Events.Body(old));
        await line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        await Wait.UntilAsync(() => outbox.Count(OutboxState.Sent) == 1);

        clock.Advance(TimeSpan.FromDays(31));
        var recent = Events.Text(Events.NewUserId(), "ใหม่");
        await host.PostWebhookAsync(Events.Body(recent));
        await line.WaitUntilAsync(l => l.Sends.Count == 2, TimeSpan.FromSeconds(10)); // pushed: by the moved clock its token is old
        var inbox = host.Services.GetRequiredService<IInboxStore>();
        await Wait.UntilAsync(() => inbox.Find(Events.EventId(recent))?.State == InboxState.Done && outbox.Count(OutboxState.Pending) == 0);

        // The hourly timer may already have run on the moved clock; either way, afterwards only the recent one is left.
        await host.Services.GetRequiredService<MessagingRetention>().PurgeAsync();

        Assert.Null(inbox.Find(Events.EventId(old)));
        Assert.NotNull(inbox.Find(Events.EventId(recent)));
        Assert.Equal(1, outbox.Count(OutboxState.Sent));
    }
}
