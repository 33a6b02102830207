using System.Globalization;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Flex;
using ItaBot.Information;
using ItaBot.Media;
using ItaBot.Notifications;
using ItaBot.QandA;
using Microsoft.AspNetCore.Builder;

namespace ItaBot.Benchmarks;

/// <summary>
/// The complaint intake dialog, turn by turn (issue 4: intake dialog turn p50 under 15 ms). One operation is a whole
/// intake by a new citizen — menu tap, category, description, "ไม่มีรูป", a typed place, contact choice, confirm — seven
/// turns, each webhook in to reply out without LINE (see <see cref="TurnBench"/>); the last one files the case, with its
/// staff notifications written in the same commit. Photos are left out: their cost is LINE's download and the decode.
/// </summary>
[Config(typeof(ShortConfig))]
[MedianColumn]
public class IntakeTurnBenchmarks : TurnBench
{
    private int _next;

    [GlobalSetup]
    public void Setup() => SetUpService();

    [GlobalCleanup]
    public Task Cleanup() => TearDownServiceAsync("complaint intake");

    protected override void AddFeatures(WebApplicationBuilder builder)
    {
        builder.AddQandA();
        builder.AddFlexTemplates();
        builder.AddInformation();
        builder.AddCases();
        builder.AddMedia();
        builder.AddComplaints();
        builder.AddNotifications();
    }

    [Benchmark(Description = "one complaint intake, seven turns (signature, inbox, dialog, case filed with its notifications)")]
    public async Task<int> Intake()
    {
        var n = Interlocked.Increment(ref _next);
        var user = "U" + n.ToString("x32", CultureInfo.InvariantCulture);
        var sent = 0;
        sent += await TurnAsync(Event(user, Postback("menu=complaint")));
        sent += await TurnAsync(Event(user, Postback(ComplaintDialog.CategoryPrefix + "street-light")));
        sent += await TurnAsync(Event(user, Text("ไฟถนนหน้าบ้านเลขที่ 12 ดับมาสามคืนแล้วค่ะ มืดมาก เด็ก ๆ เดินลำบาก", n)));
        sent += await TurnAsync(Event(user, Postback(ComplaintDialog.NextData)));
        sent += await TurnAsync(Event(user, Text("ซอย 3 หน้าร้านขายของชำ", n)));
        sent += await TurnAsync(Event(user, Postback(ComplaintDialog.ContactLineData)));
        sent += await TurnAsync(Event(user, Postback(ComplaintDialog.SubmitData)));
        return sent;
    }
}
