using ItaBot.Cases;
using static ItaBot.Tests.Cases.CaseTestKit;
using ItaBot.Seed;

namespace ItaBot.Tests.Reports;

/// <summary>
/// One store for the equality tests: 4,000 seeded cases over fiscal years 2566–2569 (the seed command's generator, with
/// timelines, acknowledgements, closings and ratings spread over time), cases filed on the last and first millisecond of
/// fiscal years and months (Bangkok), and cases filed and worked through CaseService's own paths while the clock moves on
/// (assigned, started, answered, closed every way, rated) across a month end.
/// </summary>
public sealed class GeneratedCases : IAsyncLifetime
{
    public const int Seeded = 4000;

    /// <summary>The last millisecond of FY 2568 and the first of FY 2569, Bangkok; then the same for months.</summary>
    public static readonly DateTime[] Boundaries =
    [
        Bangkok(2025, 9, 30, 23, 59).AddSeconds(59).AddMilliseconds(999).UtcDateTime,
        Bangkok(2025, 10, 1, 0, 0).UtcDateTime,
        Bangkok(2024, 9, 30, 23, 59).AddSeconds(59).AddMilliseconds(999).UtcDateTime,
        Bangkok(2024, 10, 1, 0, 0).UtcDateTime,
        Bangkok(2025, 1, 31, 23, 59).AddSeconds(59).AddMilliseconds(999).UtcDateTime,
        Bangkok(2025, 2, 1, 0, 0).UtcDateTime,
        Bangkok(2025, 12, 31, 23, 59).AddSeconds(59).AddMilliseconds(999).UtcDateTime,
        Bangkok(2026, 1, 1, 0, 0).UtcDateTime,
    ];

    internal ReportTestKit Reports { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Reports = new ReportTestKit(Bangkok(2026, 3, 20, 10, 0));
        var kit = Reports.Kit;
        var now = Reports.Now;
        var generator = new CaseGenerator(kit.Content.Current, kit.Calendar, new Random(2568), now);
        var times = generator.CreationTimes(Seeded, CaseNumbers.FiscalYearStartUtc(2566), now).Concat(Boundaries).Order().ToList();
        foreach (var chunk in times.Chunk(1000))
        {
            await kit.Cases.ImportAsync([.. chunk.Select(generator.Case)]);
        }

        // Live work with the clock moving: 60 new cases over twelve days across the end of March, each worked a different way.
        var random = new Random(7);
        var live = new List<CaseRecord>();
        for (var i = 0; i < 60; i++)
        {
            kit.Time.Advance(TimeSpan.FromHours(4.8));
            var channel = (CaseChannel)(i % 5);
            var category = kit.Content.Current.ComplaintCategories[i % kit.Content.Current.ComplaintCategories.Count].Id;
            live.Add(await kit.Cases.CreateAsync(Walk(category, "เรื่องทดสอบ " + i, channel, channel == CaseChannel.Line ? "Ulive" + i : null), "staff-1"));
        }

        foreach (var (c, i) in live.Select((c, i) => (c, i)))
        {
            kit.Time.Advance(TimeSpan.FromMinutes(30 + random.Next(600)));
            var current = kit.Cases.Get(c.Id)!;
            switch (i % 6)
            {
                case 0:
                    break;      // left untouched: unacknowledged, perhaps past its deadline
                case 1:
                    current = (await kit.Cases.AssignAsync(c.Id, current.Version, "officer-1", "head-1")).Case!;
                    break;
                case 2:
                    current = (await kit.Cases.AddInternalNoteAsync(c.Id, current.Version, "ตรวจสอบแล้ว", "officer-1")).Case!;   // acknowledges, no status change
                    current = (await kit.Cases.ChangeStatusAsync(c.Id, current.Version, CaseStatus.InProgress, "officer-1", null)).Case!;
                    break;
                case 3:
                    current = (await kit.Cases.AnswerCitizenAsync(c.Id, current.Version, "กำลังดำเนินการค่ะ", "officer-1")).Case!;
                    kit.Time.Advance(TimeSpan.FromDays(random.Next(1, 4)));
                    current = (await kit.Cases.ChangeStatusAsync(c.Id, current.Version, CaseStatus.Completed, "officer-1", null)).Case!;
                    break;
                case 4:
                    kit.Time.Advance(TimeSpan.FromDays(random.Next(0, 3)));
                    current = (await kit.Cases.ChangeStatusAsync(c.Id, current.Version, i % 12 == 4 ? CaseStatus.Rejected : CaseStatus.Referred, "officer-1", "นอกเขต")).Case!;
                    break;
                default:
                    current = (await kit.Cases.AssignAsync(c.Id, current.Version, "officer-2", "head-1")).Case!;
                    kit.Time.Advance(TimeSpan.FromHours(random.Next(1, 48)));
                    current = (await kit.Cases.ChangeStatusAsync(c.Id, current.Version, CaseStatus.Completed, "officer-2", null)).Case!;
                    break;
            }

            if (current.Status == CaseStatus.Completed && current.CitizenLineUserId is { } user)
            {
                kit.Time.Advance(TimeSpan.FromHours(2));
                Assert.True((await kit.Cases.RateAsync(c.Id, current.Version, user, 1 + (i % 5), null)).Changed);
            }
        }

        Assert.True(Reports.Now > Bangkok(2026, 4, 1, 0, 0).UtcDateTime, "the live work crosses the end of March");
    }

    public async ValueTask DisposeAsync() => await Reports.DisposeAsync();
}
