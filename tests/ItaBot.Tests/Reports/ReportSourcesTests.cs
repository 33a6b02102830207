using System.Globalization;
using ItaBot.Complaints;
using ItaBot.QandA;
using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using LiteDB;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The corruption and services sources against a direct count: records generated over three fiscal years (Bangkok month
/// and year boundaries included) in the order they would have been filed, with changes after the periods asked about.
/// </summary>
public sealed class ReportSourcesTests
{
    private static readonly DateTime Start = new(2023, 9, 25, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>One question as generated: its lines (time, outcome, matched entry) in order.</summary>
    private sealed record GenQuestion(string Id, List<(DateTime At, QaOutcome Outcome, string? Matched)> Lines);

    private sealed record GenVisit(string Id, DateOnly Day, string ServiceId, int People, DateTime RecordedAt, string? Corrects);

    private sealed record GenReport(string Id, DateTime CreatedAt, ReportChannel Channel, List<(DateTime At, ReportStatus To)> Changes, ReportOutcome? Outcome);

    private sealed record GenHandover(DateTime CreatedAt, DateTime? AnsweredAt);

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Load)]
    public async Task Sources_GeneratedRecordsOverThreeFiscalYears_EqualADirectCount()
    {
        await using var kit = new ReportSourceKit(new DateTimeOffset(Start, TimeSpan.Zero));
        var random = new Random(68);
        var pack = kit.Content.Current;
        string?[] matchable = [.. QaCatalog.Build(pack).Select(e => e.Id), null];

        // Everything that happens, in time order: (when, what).
        var timeline = new List<(DateTime At, int Order, Func<Task> Act)>();
        var order = 0;
        void Plan(DateTime at, Func<Task> act) => timeline.Add((at, order++, act));

        var pendingLines = new List<Action<IUnitOfWork>>();
        var questions = new List<GenQuestion>();
        for (var i = 0; i < 4_000; i++)
        {
            var opened = RandomTime(random, i);
            var id = RecordId.New(kit.Time);
            var matched = matchable[random.Next(matchable.Length)];
            var lines = new List<(DateTime, QaOutcome, string?)>();
            var later = opened;
            DateTime Next() => later = later.AddMinutes(random.Next(1, 3 * 24 * 60));   // up to 3 days later: across month ends
            switch (random.Next(8))
            {
                case 0 or 1 or 2:
                    lines.Add((opened, QaOutcome.Answered, matched));
                    break;
                case 3:
                    lines.Add((opened, QaOutcome.Offered, matched));
                    lines.Add((Next(), QaOutcome.AnsweredAfterChoice, matchable[random.Next(matchable.Length - 1)]));
                    break;
                case 4:
                    lines.Add((opened, QaOutcome.Offered, matched));   // never resolved
                    break;
                case 5:
                    lines.Add((opened, QaOutcome.Unanswered, null));
                    lines.Add((Next(), QaOutcome.HandedOver, null));
                    break;
                case 6:
                    lines.Add((opened, QaOutcome.Offered, matched));
                    lines.Add((Next(), QaOutcome.Unanswered, matched));
                    if (random.Next(2) == 0)
                    {
                        lines.Add((Next(), QaOutcome.HandedOver, null));
                    }

                    break;
                default:
                    lines.Add((opened, QaOutcome.Unanswered, matched));
                    break;
            }

            var question = new GenQuestion(id, lines);
            questions.Add(question);
            for (var l = 0; l < lines.Count; l++)
            {
                var (at, outcome, match) = lines[l];
                var first = l == 0;
                Plan(at, () =>
                {
                    pendingLines.Add(kit.Qa.LogWrite(outcome, match, 0.5, "q", first ? id : null, first ? null : id));
                    return Task.CompletedTask;
                });
            }
        }

        var handovers = new List<GenHandover>();
        foreach (var q in questions.Where(q => q.Lines.Any(l => l.Outcome == QaOutcome.HandedOver)))
        {
            var created = q.Lines.First(l => l.Outcome == QaOutcome.HandedOver).At;
            DateTime? answered = random.Next(4) == 0 ? null : created.AddHours(random.Next(1, 24 * 20));
            handovers.Add(new GenHandover(created, answered));
        }

        var visits = new List<GenVisit>();
        string[] serviceIds = [.. pack.Services.Select(s => s.Id), ServiceVisits.OtherServiceId];
        for (var i = 0; i < 900; i++)
        {
            var recorded = RandomTime(random, i);
            var day = DateOnly.FromDateTime(ThaiTime.ToBangkok(recorded)).AddDays(-random.Next(0, 3));   // often recorded a day or two late
            var serviceId = serviceIds[random.Next(serviceIds.Length)];
            var people = random.Next(1, 40);
            var slot = visits.Count;
            visits.Add(null!);
            Plan(recorded, async () =>
            {
                var (visit, _) = await kit.Register.RecordAsync(day, serviceId, NameOf(kit, serviceId), people, null, "clerk");
                visits[slot] = new GenVisit(visit!.Id, visit.Day, serviceId, people, visit.RecordedAt, null);
            });
            if (random.Next(8) == 0)
            {
                var fixedAt = recorded.AddHours(random.Next(1, 24 * 40));
                var fixedPeople = random.Next(0, 40);
                var fixedService = serviceIds[random.Next(serviceIds.Length)];
                var fixSlot = visits.Count;
                visits.Add(null!);
                Plan(fixedAt, async () =>
                {
                    var target = visits[slot];
                    var (visit, _) = await kit.Register.RecordAsync(target.Day, fixedService, NameOf(kit, fixedService), fixedPeople, "แก้จำนวน", "chief", target.Id);
                    visits[fixSlot] = new GenVisit(visit!.Id, visit.Day, fixedService, fixedPeople, visit.RecordedAt, target.Id);
                });
            }
        }

        var reports = new List<GenReport>();
        for (var i = 0; i < 160; i++)
        {
            var filed = RandomTime(random, i);
            var channel = (ReportChannel)random.Next(5);
            var slot = reports.Count;
            reports.Add(null!);
            var path = random.Next(5) switch
            {
                0 => (ReportStatus[])[],
                1 => [ReportStatus.Assigned, ReportStatus.InProgress],
                2 => [ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.Completed],
                3 => [ReportStatus.Referred],
                _ => [ReportStatus.Rejected],
            };
            var outcome = random.Next(2) == 0 ? ReportOutcome.Substantiated : ReportOutcome.NotSubstantiated;
            Plan(filed, async () =>
            {
                var submission = await kit.Vault.SubmitAsync(new NewReport(channel, new ReportContent("เรื่องทดสอบ")));
                reports[slot] = new GenReport(submission.ReportId, kit.Time.GetUtcNow().UtcDateTime, channel, [],
                    path.Contains(ReportStatus.Completed) ? outcome : path.Contains(ReportStatus.Referred) ? ReportOutcome.Referred : path.Contains(ReportStatus.Rejected) ? ReportOutcome.NotAccepted : null);
            });
            var at = filed;
            foreach (var to in path)
            {
                at = at.AddHours(random.Next(1, 24 * 60));
                Plan(at, async () =>
                {
                    var r = reports[slot];
                    await kit.Vault.ChangeStatusAsync(r.Id, "officer", to, note: to is ReportStatus.Referred or ReportStatus.Rejected ? "เหตุผล" : null,
                        outcome: to == ReportStatus.Completed ? outcome : null, assigneeId: to == ReportStatus.Assigned ? "officer" : null);
                    r.Changes.Add((kit.Time.GetUtcNow().UtcDateTime, to));
                });
            }
        }

        foreach (var (at, _, act) in timeline.OrderBy(t => t.At).ThenBy(t => t.Order))
        {
            kit.At(at);
            await act();
        }

        await kit.Store.Writer.WriteAsync(db =>
        {
            foreach (var write in pendingLines)
            {
                write(db);
            }

            var collection = db.LiteDb().GetCollection(ItaBot.QandA.LiteDb.LiteDbQaStore.HandoverCollection);
            var n = 0;
            foreach (var h in handovers)
            {
                collection.Insert(new BsonDocument
                {
                    ["_id"] = "h" + (n++).ToString(CultureInfo.InvariantCulture),
                    ["CreatedAt"] = h.CreatedAt,
                    ["Status"] = h.AnsweredAt is null ? "Open" : "Answered",
                    ["Question"] = "q",
                    ["LineUserId"] = "U0",
                    ["ConversationId"] = "c",
                    ["AnsweredAt"] = h.AnsweredAt is { } a ? a : BsonValue.Null,
                });
            }
        });

        var cases = new (ReportPeriod Period, DateTime AsOf)[]
        {
            (ReportPeriod.ForFiscalYear(2568), End),
            (ReportPeriod.ForFiscalYear(2568), new DateTime(2025, 3, 31, 17, 0, 0, DateTimeKind.Utc)),   // as of the end of H1, mid-year
            (ReportPeriod.ForHalfYear(2569), End),
            (ReportPeriod.ForMonth(2568, 3), new DateTime(2025, 3, 31, 17, 0, 0, DateTimeKind.Utc)),      // a month as of its Bangkok end
            (ReportPeriod.ForQuarter(2567, 1), new DateTime(2024, 1, 2, 3, 0, 0, DateTimeKind.Utc)),     // changes right after it do not count
            (ReportPeriod.Custom(new DateOnly(2024, 8, 15), new DateOnly(2024, 11, 14)), End),             // across two fiscal years
            (ReportPeriod.ForFiscalYear(2570), End),                                                       // in the future: nothing
        };
        foreach (var (period, asOf) in cases)
        {
            var trace = new RecordingTrace();
            var corruption = await kit.Corruption.CompileAsync(period, asOf, trace, TestContext.Current.CancellationToken);
            var services = await kit.Services.CompileAsync(period, asOf, trace, TestContext.Current.CancellationToken);
            var label = $"{period.Slug} as of {asOf:O}";

            // Protected reports: filed in the period by asOf, each in its status then.
            var filedReports = reports.Where(r => period.Contains(r.CreatedAt) && r.CreatedAt <= asOf)
                .Select(r => (r, Status: r.Changes.Where(c => c.At <= asOf).Select(c => (ReportStatus?)c.To).LastOrDefault() ?? ReportStatus.Received))
                .ToList();
            Assert.True(filedReports.Count == corruption.Total, label);
            Assert.Equal(filedReports.Count(e => e.Status.IsClosed()), corruption.Completed);
            Assert.Equal(filedReports.Count(e => !e.Status.IsClosed()), corruption.InProgress);
            Assert.Equal(period.Months.Select(m => filedReports.Count(e => Month(e.r.CreatedAt) == m)), corruption.ByMonth.Select(m => m.Count));
            Assert.Equal(period.Months, corruption.ByMonth.Select(m => (m.Year, m.Month)));
            Assert.Equal(["LINE", "เว็บไซต์", "ติดต่อด้วยตนเอง", "หนังสือ", "โทรศัพท์"], corruption.ByChannel.Select(c => c.Label));
            Assert.Equal(CorruptionSource.Channels.Select(c => filedReports.Count(e => e.r.Channel == c)), corruption.ByChannel.Select(c => c.Count));
            Assert.Equal(Enum.GetValues<ReportStatus>().Select(s => filedReports.Count(e => e.Status == s)), corruption.ByStatus.Select(s => s.Count));
            Assert.Equal(Enum.GetValues<ReportOutcome>().Select(o => filedReports.Count(e => e.Status.IsClosed() && e.r.Outcome == o)), corruption.ByOutcome.Select(o => o.Count));

            // Questions: first line in the period by asOf; outcome = latest line by asOf.
            var asked = questions.Where(q => period.Contains(q.Lines[0].At) && q.Lines[0].At <= asOf)
                .Select(q => (q, Last: q.Lines.Last(l => l.At <= asOf)))
                .ToList();
            var qa = services.Questions;
            Assert.True(asked.Count == qa.Questions, label);
            Assert.Equal(asked.Count(a => a.Last.Outcome == QaOutcome.Answered), qa.Answered);
            Assert.Equal(asked.Count(a => a.Last.Outcome == QaOutcome.AnsweredAfterChoice), qa.AnsweredAfterChoice);
            Assert.Equal(asked.Count(a => a.Last.Outcome == QaOutcome.HandedOver), qa.HandedOver);
            Assert.Equal(asked.Count(a => a.Last.Outcome == QaOutcome.Unanswered), qa.Unanswered);
            Assert.Equal(handovers.Count(h => period.Contains(h.CreatedAt) && h.CreatedAt <= asOf && h.AnsweredAt <= asOf), qa.AnsweredByStaff);

            // Services: each question in one row; register lines as they stood at asOf.
            var faqService = pack.Faq.Where(f => f.ServiceId is not null).ToDictionary(f => "faq:" + f.Id, f => f.ServiceId!);
            string RowOf((GenQuestion q, (DateTime At, QaOutcome Outcome, string? Matched) Last) a) =>
                a.Last.Outcome is QaOutcome.Answered or QaOutcome.AnsweredAfterChoice && a.Last.Matched is { } m
                    ? m.StartsWith("service:", StringComparison.Ordinal) ? m["service:".Length..] : faqService.GetValueOrDefault(m) ?? ServicesSource.QuestionsId
                    : ServicesSource.QuestionsId;
            var counted = visits.Where(v => v.Day >= period.From && v.Day <= period.To && v.RecordedAt <= asOf
                && !visits.Any(c => c.Corrects == v.Id && c.RecordedAt <= asOf)).ToList();
            foreach (var row in services.Services)
            {
                var expectedE = period.Months.Select(m => asked.Count(a => RowOf(a) == row.ServiceId && Month(a.q.Lines[0].At) == m)
                    + (row.ServiceId == ServicesSource.CorruptionServiceId ? filedReports.Count(e => e.r.Channel is ReportChannel.Line or ReportChannel.Web && Month(e.r.CreatedAt) == m) : 0));
                var expectedW = period.Months.Select(m => counted.Where(v => v.ServiceId == row.ServiceId && (v.Day.Year, v.Day.Month) == m).Sum(v => v.People)
                    + (row.ServiceId == ServicesSource.CorruptionServiceId ? filedReports.Count(e => e.r.Channel == ReportChannel.WalkIn && Month(e.r.CreatedAt) == m) : 0));
                Assert.True(expectedE.SequenceEqual(row.EServiceByMonth.Select(m => m.Count)), $"{label}: E-Service of {row.ServiceId}");
                Assert.True(expectedW.SequenceEqual(row.WalkInByMonth.Select(m => m.Count)), $"{label}: walk-in of {row.ServiceId}");
                Assert.Equal(row.EServiceByMonth.Sum(m => m.Count), row.EService);
                Assert.Equal(row.WalkInByMonth.Sum(m => m.Count), row.WalkIn);
            }

            Assert.Equal(pack.Services.Select(s => s.Id), services.Services.Take(pack.Services.Count).Select(s => s.ServiceId));
            Assert.Equal(asked.Count + filedReports.Count(e => e.r.Channel is ReportChannel.Line or ReportChannel.Web), services.EServiceTotal);
            Assert.Equal(counted.Sum(v => v.People) + filedReports.Count(e => e.r.Channel == ReportChannel.WalkIn), services.WalkInTotal);
            var walkInReports = filedReports.Any(e => e.r.Channel == ReportChannel.WalkIn) ? new[] { ServicesSource.CorruptionServiceId } : [];
            Assert.Equal(counted.Select(v => v.ServiceId).Concat(walkInReports).Distinct().Order(), services.Services.Where(s => s.WalkIn > 0).Select(s => s.ServiceId).Order());

            // The trace: every counted record once, by kind.
            Assert.Equal(filedReports.Count, trace.Records.Count(r => r.Kind == "protected"));
            Assert.Equal(asked.Count, trace.Records.Count(r => r.Kind == "question"));
            Assert.Equal(counted.Count, trace.Records.Count(r => r.Kind == "service"));
            Assert.Equal(asked.Select(a => a.q.Id.ToString()).Order(StringComparer.Ordinal), trace.Records.Where(r => r.Kind == "question").Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Sources_EmptyPeriod_EveryMonthChannelAndServiceAtZero()
    {
        await using var kit = new ReportSourceKit(new DateTimeOffset(2025, 10, 5, 3, 0, 0, TimeSpan.Zero));
        var period = ReportPeriod.ForFiscalYear(2568);
        var trace = new RecordingTrace();

        var corruption = await kit.Corruption.CompileAsync(period, kit.Time.GetUtcNow().UtcDateTime, trace, TestContext.Current.CancellationToken);
        var services = await kit.Services.CompileAsync(period, kit.Time.GetUtcNow().UtcDateTime, trace, TestContext.Current.CancellationToken);

        Assert.Equal((0, 0, 0), (corruption.Total, corruption.Completed, corruption.InProgress));
        Assert.Equal(12, corruption.ByMonth.Count);
        Assert.All(corruption.ByMonth, m => Assert.Equal(0, m.Count));
        Assert.Equal(5, corruption.ByChannel.Count);
        Assert.Equal(6, corruption.ByStatus.Count);
        Assert.Equal(4, corruption.ByOutcome.Count);
        Assert.Equal(new QaFigures(0, 0, 0, 0, 0, 0), services.Questions);
        Assert.Equal((0, 0), (services.EServiceTotal, services.WalkInTotal));
        // every service of the pack (protected reports count under its corruption-complaint service), then questions
        Assert.Equal(kit.Content.Current.Services.Count + 1, services.Services.Count);
        Assert.All(services.Services, s => Assert.Equal(12, s.EServiceByMonth.Count));
        Assert.Empty(trace.Records);
    }

    [Fact]
    public async Task CorruptionSource_NoVaultKeyAndNoVaultFile_CountsNothingInsteadOfFailing()
    {
        await using var kit = new ReportSourceKit(new DateTimeOffset(2025, 10, 5, 3, 0, 0, TimeSpan.Zero), withVault: false);

        var corruption = await kit.Corruption.CompileAsync(ReportPeriod.ForFiscalYear(2568), kit.Time.GetUtcNow().UtcDateTime, new RecordingTrace(), TestContext.Current.CancellationToken);

        Assert.Equal(0, corruption.Total);
        Assert.False(File.Exists(Path.Combine(kit.Directory, "vault.db")));
    }

    [Fact]
    public async Task CorruptionSource_StatusChangeAfterAsOf_DoesNotCount_AndTheVaultAuditsTheCount()
    {
        await using var kit = new ReportSourceKit(new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.Zero));   // 17:00 Bangkok, 31 March
        var filed = await kit.Vault.SubmitAsync(new NewReport(ReportChannel.Line, new ReportContent("เรื่องทดสอบ")));
        var endOfMarch = new DateTime(2025, 3, 31, 17, 0, 0, DateTimeKind.Utc);                                 // midnight Bangkok
        kit.At(endOfMarch.AddMinutes(1));
        await kit.Vault.ChangeStatusAsync(filed.ReportId, "officer", ReportStatus.Rejected, "ไม่อยู่ในอำนาจ");

        var march = ReportPeriod.ForMonth(2568, 3);
        var then = await kit.Corruption.CompileAsync(march, endOfMarch, new RecordingTrace(), TestContext.Current.CancellationToken);
        var trace = new RecordingTrace();
        var now = await kit.Corruption.CompileAsync(march, kit.Time.GetUtcNow().UtcDateTime, trace, TestContext.Current.CancellationToken);

        Assert.Equal((1, 0, 1), (then.Total, then.Completed, then.InProgress));
        Assert.Equal(0, then.ByOutcome.Single(o => o.Key == "not-accepted").Count);
        Assert.Equal((1, 1, 0), (now.Total, now.Completed, now.InProgress));
        Assert.Equal(1, now.ByOutcome.Single(o => o.Key == "not-accepted").Count);
        Assert.Equal(1, now.ByMonth.Single().Count);
        var record = Assert.Single(trace.Records);
        Assert.Equal(("protected", filed.ReportId), (record.Kind, record.Id));
        Assert.Matches("^[0-9a-f]{32}$", record.Id);   // the vault's random id, nothing of the report
        var audit = await kit.Vault.ReadAuditAsync("auditor");
        Assert.Equal(2, audit.Count(a => a is { Action: "statistics", Actor: ProtectedReportCounts.Actor }));
        Assert.DoesNotContain(audit, a => a.Actor == ProtectedReportCounts.Actor && a.Action != "statistics");
    }

    private static (int, int) Month(DateTime utc)
    {
        var local = ThaiTime.ToBangkok(utc);
        return (local.Year, local.Month);
    }

    private static string NameOf(ReportSourceKit kit, string serviceId) =>
        kit.Content.Current.Services.FirstOrDefault(s => s.Id == serviceId)?.Name ?? ServiceVisits.OtherServiceName;

    /// <summary>A time between <see cref="Start"/> and <see cref="End"/>; every 20th falls within a minute of a Bangkok midnight that starts a month.</summary>
    private static DateTime RandomTime(Random random, int i)
    {
        var at = Start.AddMinutes(random.NextInt64((long)(End - Start).TotalMinutes));
        if (i % 20 == 0)
        {
            at = new DateTime(at.Year, at.Month, 1, 17, 0, 0, DateTimeKind.Utc).AddDays(-1).AddSeconds(random.Next(-60, 60));
            at = at < Start ? Start : at;
        }

        return at;
    }
}
