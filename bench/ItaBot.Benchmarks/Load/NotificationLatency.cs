using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.LineChannel;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Benchmarks.Load;

/// <summary>
/// Notification delivery latency: from the commit of a case change (the store write that ran the case observer has
/// completed) to the moment the LINE stand-in accepted the push. The service's storage, LINE client and notifications
/// (Hangfire server, in-memory storage) run in this process, the stand-in over real HTTP on loopback. New cases are
/// written one at a time at a steady rate; each notifies one linked officer.
/// </summary>
internal static partial class NotificationLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--count", 300);
        var rate = Arg(args, "--rate", 20);
        var directory = Path.Combine(Path.GetTempPath(), "itabot-bench-notify-" + Guid.NewGuid().ToString("N"));
        await using var line = await LineStandIn.StartAsync();
        var accepted = new ConcurrentDictionary<int, long>();
        line.Accepted += send =>
        {
            var match = CaseNumber().Match(send.MessagesJson);
            if (match.Success)
            {
                accepted.TryAdd(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
            }
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Storage:DataDirectory"] = directory,
            ["ItaBot:Line:ChannelSecret"] = "bench-channel-secret",
            ["ItaBot:Line:ChannelAccessToken"] = "bench-token",
            ["ItaBot:Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            ["ItaBot:Line:DataApiBaseUrl"] = line.BaseAddress.ToString(),
        });
        builder.AddStorage();
        builder.AddLinePlatform();
        builder.AddWebhook();     // the store's retention job needs the inbox
        builder.AddNotifications();
        await using var app = builder.Build();
        app.MapNotifications();
        await app.StartAsync();

        var store = app.Services.GetRequiredService<MessagingStore>();
        var observers = app.Services.GetServices<ICaseObserver>().ToArray();
        var officer = new StaffAccount
        {
            Id = "bench-officer", UserName = "bench", DisplayName = "bench", Role = StaffRole.CaseOfficer, Department = "roads",
            PasswordHash = "x", LineUserId = "U" + new string('b', 32),
        };
        await app.Services.GetRequiredService<IStaffStore>().CreateAsync(officer);

        var committed = new long[count];
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var c = new CaseRecord
            {
                Id = "bench-" + i.ToString("D6", CultureInfo.InvariantCulture),
                Number = "ร69-" + i.ToString("D5", CultureInfo.InvariantCulture),
                FiscalYear = 2569, Sequence = i, CategoryId = "street-light", Department = "roads", Channel = CaseChannel.Line,
                Description = "ไฟถนนดับ", Status = CaseStatus.Received, CreatedAt = now, AcknowledgeBy = now.AddDays(1), AnswerBy = now.AddDays(15),
                Version = 1, Timeline = [new CaseEvent(now, CaseEventKind.Created, "citizen", null, CaseStatus.Received, null)],
            };
            await store.Writer.WriteAsync(db =>
            {
                db.LiteDb().GetCollection<CaseRecord>("cases").Insert(c);
                foreach (var o in observers)
                {
                    o.OnCaseChanged(db, null, c, c.Timeline[0]);
                }
            });
            committed[i] = Stopwatch.GetTimestamp();
        }

        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (accepted.Count < count && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }

        var latencies = Enumerable.Range(0, count).Where(accepted.ContainsKey)
            .Select(i => Stopwatch.GetElapsedTime(committed[i], accepted[i]).TotalMilliseconds).Order().ToArray();
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notifications: {count} case changes at {rate}/s, delivered {latencies.Length}, duplicates {line.Counts.DuplicatePushes}, pushes {line.Counts.Pushes}; commit -> LINE stand-in p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {P(1.0):0.0} ms"));
        await app.StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }

        return latencies.Length == count ? 0 : 1;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex("ร69-(\\d{5})")]
    private static partial Regex CaseNumber();
}
