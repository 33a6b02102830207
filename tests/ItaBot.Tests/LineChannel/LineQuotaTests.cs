using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.LineChannel;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.LineChannel;

/// <summary>
/// LINE's monthly message quota: answers whose reply token is too old are pushed, and pushes past the quota are refused
/// with 429 "You have reached your monthly limit." They are held (never retried in a loop) and delivered once each
/// when the quota allows, against the in-repo stand-in and against the peer stand-in (../shared/peer, node).
/// </summary>
public sealed class LineQuotaTests : IAsyncLifetime
{
    private const string RefusalLine = "LINE refuses pushes for the rest of the month";
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Pushes_PastTheMonthlyLimit_AreHeldNotRetried_ThenEachDeliveredOnceWhenAnAdminRechecks()
    {
        _line.MonthlyLimit = 1;
        await using var host = new ServiceHost(_line);
        var quota = host.Services.GetRequiredService<LineQuota>();
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        var users = new[] { Events.NewUserId(), Events.NewUserId(), Events.NewUserId() };

        await PostStaleAsync(host, users[0]);
        await _line.WaitUntilAsync(l => l.Counts.Pushes == 1, TimeSpan.FromSeconds(20));
        await PostStaleAsync(host, users[1]);
        await Wait.UntilAsync(() => quota.Status is { PushesRefused: true, Held: 1 }, what: "the second push held");
        await PostStaleAsync(host, users[2]);
        await Wait.UntilAsync(() => quota.Status.Held == 2, what: "the third push held without being tried");
        // A retry loop keeps its answer in its lane (the sender retries inside its send): with every lane idle, nothing
        // will try the held ones again.
        var processor = host.Services.GetRequiredService<TurnProcessor>();
        await Wait.UntilAsync(() => processor.Backlog == 0, what: "every lane idle");

        Assert.Equal(1, _line.Counts.RefusedOverQuota);   // one refusal: no quick retry, no backoff loop, the third never sent
        Assert.Equal(2, host.Services.GetRequiredService<IOutboxStore>().Count(OutboxState.Pending));
        Assert.Single(host.Logs, l => l.Contains(RefusalLine, StringComparison.Ordinal));
        using (var health = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/healthz", TestContext.Current.CancellationToken)))
        {
            var line = health.RootElement.GetProperty("line").GetProperty("quota");
            Assert.True(line.GetProperty("pushesRefused").GetBoolean());
            Assert.Equal(1, line.GetProperty("limit").GetInt64());
            Assert.Equal(2, line.GetProperty("held").GetInt32());
        }

        using var admin = new StaffBrowser(host);
        await admin.SignInAsync("admin1", totpSecret: secret);
        var home = await admin.GetPageAsync("/staff");
        Assert.Contains("LINE ไม่รับข้อความแจ้งเตือน (push) แล้ว", home, StringComparison.Ordinal);

        _line.MonthlyLimit = 10;   // the agency bought more messages
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(LineQuotaPanel.RecheckPath, home)).StatusCode);

        await _line.WaitUntilAsync(l => l.Counts.Pushes == 3, TimeSpan.FromSeconds(20));
        await Wait.UntilAsync(() => host.Services.GetRequiredService<IOutboxStore>().Count(OutboxState.Pending) == 0, what: "the held answers recorded as sent");
        Assert.All(users, u => Assert.Single(_line.Sends, s => s.Kind == "push" && s.To == u));
        Assert.Equal(0, _line.Counts.DuplicatePushes);
        Assert.False(quota.PushesRefused);
        Assert.Equal(1, _line.Counts.RefusedOverQuota);
    }

    [Fact]
    public async Task StaffHome_From80PercentOfTheQuota_WarnsAdminsOnly()
    {
        _line.MonthlyLimit = 10;
        await using var host = new ServiceHost(_line);
        var client = host.Services.GetRequiredService<ItaBot.Line.Client.ILineMessagingClient>();
        for (var i = 0; i < 8; i++)
        {
            await client.PushAsync(Events.NewUserId(), [new ItaBot.Line.Messages.TextMessage("ทดสอบ")], Guid.NewGuid(), TestContext.Current.CancellationToken);
        }

        var status = await host.Services.GetRequiredService<LineQuota>().RecheckAsync(TestContext.Current.CancellationToken);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var admin = new StaffBrowser(host);
        await admin.SignInAsync("admin1", totpSecret: secret);
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        var adminHome = await admin.GetPageAsync("/staff");
        var officerHome = await officer.GetPageAsync("/staff");

        Assert.Equal((10L, 8L, 80), (status.Limit!.Value, status.Used!.Value, status.Percent!.Value));
        Assert.Contains("เดือนนี้ส่งไปแล้ว 8 จาก 10 ข้อความ (80%)", adminHome, StringComparison.Ordinal);
        Assert.Contains("msg note", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("line-quota", officerHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerStandIn_PastTheMonthlyLimit_TheHeldAnswerIsPushedOnceAfterTheLimitIsRaised()
    {
        var port = FreePort();
        using var peer = Process.Start(new ProcessStartInfo("node", "/work/shared/peer/fake-line-api.js")
        {
            Environment = { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MONTHLY_LIMIT"] = "1", ["VALIDATE"] = "0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var peerAddress = $"http://127.0.0.1:{port}/";
            using var http = new HttpClient { BaseAddress = new Uri(peerAddress) };
            await Wait.UntilAsync(() => Answers(http), what: "the peer stand-in listening");
            await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
            {
                ["ItaBot:Line:ApiBaseUrl"] = peerAddress,
                ["ItaBot:Line:DataApiBaseUrl"] = peerAddress,
            });
            var quota = host.Services.GetRequiredService<LineQuota>();

            await PostStaleAsync(host, Events.NewUserId());
            await Wait.UntilAsync(() => Count(http, "pushes") == 1, what: "the first push");
            await PostStaleAsync(host, Events.NewUserId());
            await Wait.UntilAsync(() => quota.Status.Held == 1, what: "the second push held");
            Assert.Equal(1, Count(http, "refusedOverQuota"));

            (await http.PostAsync("/__limit?n=5", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            await quota.RecheckAsync(TestContext.Current.CancellationToken);

            await Wait.UntilAsync(() => Count(http, "pushes") == 2, what: "the held push delivered");
            Assert.Equal(0, Count(http, "duplicatePushes"));
            Assert.Equal(1, Count(http, "refusedOverQuota"));
        }
        finally
        {
            peer.Kill();
            await peer.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A question whose reply token is ten minutes old: the answer must be pushed.</summary>
    private static async Task PostStaleAsync(ServiceHost host, string userId)
    {
        var stale = TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds();
        (await host.PostWebhookAsync(Events.Body(Events.Text(userId, "สวัสดี", timestamp: stale)))).EnsureSuccessStatusCode();
    }

    private static bool Answers(HttpClient http)
    {
        try
        {
            return http.GetAsync("/__count").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int Count(HttpClient http, string name)
    {
        using var counts = JsonDocument.Parse(http.GetStringAsync("/__count").GetAwaiter().GetResult());
        return counts.RootElement.GetProperty(name).GetInt32();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
