using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault.Tests;

/// <summary>Statistics as of an instant (issue 6): each report in its state then, from plain fields only.</summary>
public sealed class StatisticsAsOfTests
{
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    [Fact]
    public async Task StatisticsAsOf_StatusChangeAfterAsOf_DoesNotCount()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport(channel: ReportChannel.Web))).ReportId;
        var filed = f.Time.GetUtcNow();
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.Assigned, assigneeId: "officer-a");
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.InProgress);
        var inProgressAt = f.Time.GetUtcNow();
        f.Time.Advance(TimeSpan.FromDays(5));
        await f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.Completed, outcome: ReportOutcome.Substantiated);
        var completedAt = f.Time.GetUtcNow();
        var from = filed.AddDays(-1);
        var to = filed.AddDays(30);

        var beforeFiling = await f.Vault.StatisticsAsync(from, to, filed.AddMilliseconds(-1), "ita");
        var justFiled = await f.Vault.StatisticsAsync(from, to, filed, "ita");
        var working = await f.Vault.StatisticsAsync(from, to, completedAt.AddMilliseconds(-1), "ita");
        var done = await f.Vault.StatisticsAsync(from, to, completedAt, "ita");

        Assert.Equal(0, beforeFiling.Total);
        Assert.Equal(ReportStatus.Received, Assert.Single(justFiled.Reports).Status);
        var then = Assert.Single(working.Reports);
        Assert.Equal((ReportStatus.InProgress, (ReportOutcome?)null, 2), (then.Status, then.Outcome, then.StatusChanges));
        Assert.Equal(1, working.Open);
        Assert.Equal(0, working.Closed);
        Assert.Empty(working.ByOutcome);
        var now = Assert.Single(done.Reports);
        Assert.Equal((ReportStatus.Completed, (ReportOutcome?)ReportOutcome.Substantiated, 3), (now.Status, now.Outcome, now.StatusChanges));
        Assert.Equal(1, done.ByOutcome[ReportOutcome.Substantiated]);
        Assert.Equal(id, now.ReportId);
        Assert.True(inProgressAt < completedAt);
    }

    [Fact]
    public async Task StatisticsAsOf_IsAuditedWithPeriodAndAsOf_AndNamesNoReport()
    {
        await using var f = new VaultFixture();
        await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        var asOf = f.Time.GetUtcNow();

        await f.Vault.StatisticsAsync(asOf.AddDays(-10), asOf.AddDays(10), asOf, "reports");

        var entry = (await f.Vault.ReadAuditAsync("auditor")).First(a => a.Action == "statistics");
        Assert.Equal("reports", entry.Actor);
        Assert.Null(entry.ReportId);
        Assert.Contains("as of " + asOf.ToString("O", CultureInfo.InvariantCulture), entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith(": 1", entry.Detail, StringComparison.Ordinal);
        Assert.True((await f.Vault.VerifyAuditAsync("auditor")).IsIntact);
    }

    /// <summary>
    /// 50,000 stored reports over three fiscal years, with status changes before and after the instants asked about, and
    /// content keys that open nothing (the statistics would throw if they tried to decrypt). Figures equal a naive count.
    /// </summary>
    [Fact]
    public async Task StatisticsAsOf_FiftyThousandReportsOverThreeFiscalYears_EqualADirectCount()
    {
        await using var f = new VaultFixture();
        var random = new Random(6);
        var start = new DateTime(2023, 9, 20, 0, 0, 0, DateTimeKind.Utc);   // before FY 2567 begins (1 Oct 2023 Bangkok)
        var spanMs = (long)TimeSpan.FromDays(3 * 365 + 20).TotalMilliseconds;
        var reports = new List<ReportDocument>(50_000);
        for (var i = 0; i < 50_000; i++)
        {
            var created = start.AddMilliseconds(random.NextInt64(spanMs));
            if (i % 50 == 0)
            {
                // On a Bangkok month boundary: 17:00 UTC on the last day of a month is midnight in Bangkok.
                var day = new DateTime(created.Year, created.Month, 1, 17, 0, 0, DateTimeKind.Utc).AddDays(-1);
                created = day.AddMilliseconds(random.Next(-1, 1));
            }

            reports.Add(Generated(random, created));
        }

        foreach (var chunk in reports.Chunk(2_000))
        {
            await f.Vault.Store.WriteAsync(storage =>
            {
                foreach (var report in chunk)
                {
                    storage.InsertReport(report);
                }
            });
        }

        var fy2568 = (From: Bangkokday(2024, 10, 1), To: Bangkokday(2025, 10, 1));
        var cases = new[]
        {
            (fy2568.From, fy2568.To, AsOf: Bangkokday(2026, 1, 1)),
            (fy2568.From, fy2568.To, AsOf: Bangkokday(2025, 3, 15).AddHours(9)),        // in the middle of the year
            (Bangkokday(2025, 3, 1), Bangkokday(2025, 4, 1), AsOf: Bangkokday(2025, 4, 1)),   // a month, as of its end
            (Bangkokday(2023, 10, 1), Bangkokday(2026, 10, 1), AsOf: Bangkokday(2027, 1, 1)),
        };
        foreach (var (from, to, asOf) in cases)
        {
            var clock = Stopwatch.StartNew();
            var stats = await f.Vault.StatisticsAsync(from, to, asOf, "reports");
            clock.Stop();
            TestContext.Current.TestOutputHelper?.WriteLine($"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} as of {asOf:yyyy-MM-dd}: {stats.Total} reports in {clock.ElapsedMilliseconds} ms");

            var expected = reports
                .Where(r => r.CreatedAt >= from.UtcDateTime && r.CreatedAt < to.UtcDateTime && r.CreatedAt <= asOf.UtcDateTime)
                .Select(r => (r, Status: StatusAt(r, asOf.UtcDateTime)))
                .ToList();
            Assert.True(expected.Count > 100);
            Assert.Equal(expected.Count, stats.Total);
            Assert.Equal(expected.Count(e => e.Status.IsClosed()), stats.Closed);
            Assert.Equal(expected.Count(e => !e.Status.IsClosed()), stats.Open);
            foreach (var status in Enum.GetValues<ReportStatus>())
            {
                Assert.Equal(expected.Count(e => e.Status == status), stats.ByStatus.GetValueOrDefault(status));
            }

            foreach (var channel in Enum.GetValues<ReportChannel>())
            {
                Assert.Equal(expected.Count(e => e.r.Channel == channel), stats.ByChannel.GetValueOrDefault(channel));
            }

            var byOutcome = expected.Where(e => e.Status.IsClosed())
                .GroupBy(e => e.Status switch { ReportStatus.Referred => ReportOutcome.Referred, ReportStatus.Rejected => ReportOutcome.NotAccepted, _ => e.r.Outcome!.Value })
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(byOutcome.OrderBy(p => p.Key), stats.ByOutcome.OrderBy(p => p.Key));
            var byMonth = expected.GroupBy(e => TimeZoneInfo.ConvertTimeFromUtc(e.r.CreatedAt, Bangkok).ToString("yyyy-MM", CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(byMonth.OrderBy(p => p.Key, StringComparer.Ordinal), stats.ByMonth.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(expected.Select(e => e.r.Id).Order(StringComparer.Ordinal), stats.Reports.Select(r => r.ReportId));
        }
    }

    private static DateTimeOffset Bangkokday(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.FromHours(7));

    private static ReportStatus StatusAt(ReportDocument report, DateTime asOf) =>
        report.History.Where(h => h.At <= asOf).Select(h => (ReportStatus?)h.To).LastOrDefault() ?? ReportStatus.Received;

    /// <summary>A stored report with a random lifecycle after <paramref name="created"/>, some of it years later.</summary>
    private static ReportDocument Generated(Random random, DateTime created)
    {
        var report = new ReportDocument
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Number = "x",
            Channel = (ReportChannel)random.Next(5),
            Status = ReportStatus.Received,
            CreatedAt = created,
            AcknowledgeBy = created.AddDays(1),
            AnswerBy = created.AddDays(15),
            RetainUntil = created.AddYears(2),
            // Keys that open nothing: a statistics call that tried to decrypt would throw.
            ContentKey = new WrappedKey { KeyId = "not-a-key", Data = RandomNumberGenerator.GetBytes(60) },
            Content = RandomNumberGenerator.GetBytes(1200),
        };
        var at = created;
        var path = random.Next(6) switch
        {
            0 => (ReportStatus[])[],
            1 => [ReportStatus.Assigned],
            2 => [ReportStatus.Assigned, ReportStatus.InProgress],
            3 => [ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.Completed],
            4 => [ReportStatus.Referred],
            _ => [ReportStatus.Assigned, ReportStatus.Rejected],
        };
        foreach (var to in path)
        {
            at = at.AddMilliseconds(random.NextInt64((long)TimeSpan.FromDays(120).TotalMilliseconds));
            report.History.Add(new StatusChangeDocument { At = at, Actor = "officer", From = report.Status, To = to, NoteId = "n" });
            report.Status = to;
        }

        if (report.Status.IsClosed())
        {
            report.ClosedAt = at;
            report.Outcome = report.Status switch
            {
                ReportStatus.Referred => ReportOutcome.Referred,
                ReportStatus.Rejected => ReportOutcome.NotAccepted,
                _ => random.Next(2) == 0 ? ReportOutcome.Substantiated : ReportOutcome.NotSubstantiated,
            };
        }

        return report;
    }
}
