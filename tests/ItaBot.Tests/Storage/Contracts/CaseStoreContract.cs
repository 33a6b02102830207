using ItaBot.Cases;
using ItaBot.Notifications;
using ItaBot.Storage;
using ItaBot.Tests.Cases;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="ICaseStore"/> must do, whatever keeps the data: written once, run per provider. Cases are
/// written through the store (and through <see cref="CaseService"/> where the rules decide what is written).
/// </summary>
public abstract class CaseStoreContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    private static readonly DateTime T0 = new(2025, 3, 3, 2, 0, 0, DateTimeKind.Utc);   // 09:00 Bangkok, FY 2568
    private int _sequence;

    private ICaseStore Cases => Get<ICaseStore>();

    private CaseRecord Record(DateTime createdAt, string department = "engineering", string category = "road", CaseStatus status = CaseStatus.Received,
        CaseChannel channel = CaseChannel.Line, string? assignee = null, string? citizen = null, string? phone = null, int? sequence = null)
    {
        var fiscalYear = CaseNumbers.FiscalYear(createdAt);
        var number = sequence ?? Interlocked.Increment(ref _sequence);
        var closed = status.IsClosed() ? createdAt.AddDays(2) : (DateTime?)null;
        return new CaseRecord
        {
            Id = RecordId.New(),
            Number = CaseNumbers.Format(fiscalYear, number),
            FiscalYear = fiscalYear,
            Sequence = number,
            CategoryId = category,
            Department = department,
            Channel = channel,
            Description = "ถนนหน้าบ้านเป็นหลุมลึก",
            CitizenLineUserId = citizen,
            ContactPhone = phone,
            Status = status,
            AssigneeId = assignee,
            CreatedAt = createdAt,
            AcknowledgeBy = createdAt.AddDays(1),
            AnswerBy = createdAt.AddDays(15),
            ClosedAt = closed,
            Timeline = closed is { } at
                ? [new CaseEvent(createdAt, CaseEventKind.Created, "citizen", null, CaseStatus.Received, null),
                    new CaseEvent(at, CaseEventKind.StatusChanged, "staff-1", CaseStatus.Received, status, "ดำเนินการแล้ว")]
                : [new CaseEvent(createdAt, CaseEventKind.Created, "citizen", null, CaseStatus.Received, null)],
            Version = closed is null ? 1 : 2,
        };
    }

    private Task InsertAsync(params CaseRecord[] records) => Writer.WriteAsync(work =>
    {
        foreach (var record in records)
        {
            Cases.Insert(work, record);
        }
    });

    [Fact]
    public async Task Insert_EveryField_ReadsBackEqualByIdAndNumber()
    {
        var record = Record(T0.AddMilliseconds(123), citizen: "U" + new string('a', 32), phone: "0812345678") with
        {
            Photos = [new CasePhoto("p1", "image/jpeg", 640, 480, 12345)],
            Location = new CaseLocation(13.75, 100.5, "ถนนราชดำเนิน", null),
            ContactConsent = true,
            ContactName = "สมชาย",
            AssigneeId = "officer-1",
            AcknowledgedAt = T0.AddHours(1),
            Rating = new CaseRating(4, "ดีมาก", T0.AddDays(3)),
        };

        await InsertAsync(record);

        Assert.Equal(record, Cases.Get(record.Id), CaseComparer.Instance);
        Assert.Equal(record, Cases.GetByNumber(" " + record.Number + " "), CaseComparer.Instance);
        Assert.Null(Cases.Get(RecordId.New()));
        Assert.Null(Cases.GetByNumber("ร68-99999"));
    }

    [Fact]
    public async Task Insert_RaisesTheFiscalYearsCounterAndNeverLowersIt()
    {
        Assert.Equal(0, Cases.LastSequence(2568));

        await InsertAsync(Record(T0, sequence: 7));
        await InsertAsync(Record(T0, sequence: 3));
        await InsertAsync(Record(new DateTime(2025, 10, 2, 0, 0, 0, DateTimeKind.Utc), sequence: 2));   // FY 2569

        Assert.Equal(7, Cases.LastSequence(2568));
        Assert.Equal(2, Cases.LastSequence(2569));
        Assert.Equal(0, Cases.LastSequence(2567));
    }

    [Fact]
    public async Task Insert_SameNumberTwice_RefusedAndTheWriteRolledBack()
    {
        var first = Record(T0, sequence: 42);
        await InsertAsync(first);
        var twin = Record(T0.AddMinutes(1), sequence: 42);

        await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(twin));

        Assert.Null(Cases.Get(twin.Id));
        Assert.Equal(first.Id, Cases.GetByNumber(first.Number)!.Id);
    }

    [Fact]
    public async Task CreateAsync_ManyAtOnce_NumbersUniqueAndWithoutGaps()
    {
        var service = Get<CaseService>();

        var created = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            service.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.WalkIn, Description = "หลุม " + i }, "staff-1")));

        var year = created[0].FiscalYear;
        Assert.Equal(Enumerable.Range(1, 30), created.Select(c => c.Sequence).Order());
        Assert.Equal(30, created.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.All(created, c => Assert.Equal(c.Number, Cases.Get(c.Id)!.Number));
        Assert.Equal(30, Cases.LastSequence(year));
    }

    [Fact]
    public async Task ReserveSequences_AboveCommittedAndEarlierReservations_LastSequenceUnmoved()
    {
        await InsertAsync(Record(T0, sequence: 7));

        Assert.Equal(8, Cases.ReserveSequences(2568, 1));
        Assert.Equal(9, Cases.ReserveSequences(2568, 3));
        Assert.Equal(12, Cases.ReserveSequences(2568, 1));
        Assert.Equal(1, Cases.ReserveSequences(2569, 2));
        Assert.Equal(7, Cases.LastSequence(2568));   // a reservation is not a filing
        Assert.Equal(0, Cases.LastSequence(2569));
    }

    [Fact]
    public void ReserveSequences_ManyThreadsAtOnce_NeverTheSameNumberTwice()
    {
        var firsts = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => firsts.Add(Cases.ReserveSequences(2568, 2)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => 1 + (2 * i)), firsts.Order());
    }

    [Fact]
    public async Task ChangeStatusAsync_StaleVersion_ConflictAndNothingOverwritten()
    {
        var service = Get<CaseService>();
        var c = await service.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.WalkIn, Description = "หลุม" }, "staff-1");

        var first = await service.ChangeStatusAsync(c.Id, c.Version, CaseStatus.InProgress, "officer-1", null);
        var second = await service.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Rejected, "officer-2", "ซ้ำ");

        Assert.True(first.Changed);
        Assert.Equal(CaseChangeOutcome.Conflict, second.Outcome);
        var stored = Cases.Get(c.Id)!;
        Assert.Equal((CaseStatus.InProgress, 2, 2), (stored.Status, stored.Version, stored.Timeline.Count));
        Assert.Equal([CaseStatus.Received, CaseStatus.InProgress], Cases.FindFacts(stored)!.Statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task UnitOfWork_CaseChangeAndItsNotification_CommitTogether()
    {
        var service = Get<CaseService>();
        var notifications = Get<INotificationStore>();
        var c = await service.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "หลุม", CitizenLineUserId = "Ucitizen" }, "citizen");

        await Writer.WriteAsync(work =>
        {
            service.CitizenFollowUpWrite(c.Id, c.Version, "Ucitizen", "ยังไม่ได้ซ่อมค่ะ")(work);
            notifications.AddIfAbsent(work, Note("together:" + c.Id, c.Id));
        });

        Assert.Equal(2, Cases.Get(c.Id)!.Version);
        Assert.NotNull(notifications.Find("together:" + c.Id));
    }

    [Fact]
    public async Task UnitOfWork_FailsAfterTheCaseChangeAndItsNotification_BothRolledBack()
    {
        var service = Get<CaseService>();
        var notifications = Get<INotificationStore>();
        var c = await service.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "หลุม", CitizenLineUserId = "Ucitizen" }, "citizen");
        var draft = service.Prepare(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "อีกเรื่อง" }, "citizen");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.WriteAsync(work =>
        {
            service.CitizenFollowUpWrite(c.Id, c.Version, "Ucitizen", "ยังไม่ได้ซ่อมค่ะ")(work);
            draft.Write(work);
            notifications.AddIfAbsent(work, Note("apart:" + c.Id, c.Id));
            throw new InvalidOperationException("the turn fails after its writes");
        }));

        var stored = Cases.Get(c.Id)!;
        Assert.Equal((1, 1), (stored.Version, stored.Timeline.Count));
        Assert.Single(Cases.FindFacts(stored)!.Statuses);
        Assert.Null(Cases.Get(draft.Case.Id));
        Assert.Null(notifications.Find("apart:" + c.Id));
        Assert.Equal(c.Sequence, Cases.LastSequence(c.FiscalYear));
    }

    [Fact]
    public async Task Find_InsideTheUnitOfWork_SeesItsOwnEarlierWrite()
    {
        var record = Record(T0);

        var seen = await Writer.WriteAsync(work =>
        {
            Cases.Insert(work, record);
            var inserted = Cases.Find(work, record.Id);
            Cases.Update(work, record with { Status = CaseStatus.InProgress, Version = 2 });
            return (inserted?.Version, Cases.Find(work, record.Id)?.Version);
        });

        Assert.Equal((1, 2), seen);
    }

    [Fact]
    public async Task List_NewestFirstAndEachFilter()
    {
        var a = Record(T0, department: "engineering", category: "road", channel: CaseChannel.Line);
        var b = Record(T0.AddHours(1), department: "public-health", category: "garbage", channel: CaseChannel.WalkIn, assignee: "officer-1");
        var c = Record(T0.AddHours(2), department: "engineering", category: "street-light", status: CaseStatus.Completed, channel: CaseChannel.Phone);
        var d = Record(T0.AddHours(3), department: "engineering", category: "road", status: CaseStatus.InProgress, assignee: "officer-1");
        var e = Record(T0.AddHours(3), department: "engineering", category: "road");   // same time as d: the greater id first
        await InsertAsync(a, b, c, d, e);
        var now = T0.AddHours(4);

        string[] Ids(CaseFilter filter) => [.. Cases.List(filter, 1, 50, now).Items.Select(x => x.Id)];

        Assert.Equal([e.Id, d.Id, c.Id, b.Id, a.Id], Ids(new CaseFilter()));
        Assert.Equal([e.Id, a.Id], Ids(new CaseFilter { Status = CaseStatus.Received, Department = "engineering" }));
        Assert.Equal([e.Id, d.Id, c.Id, a.Id], Ids(new CaseFilter { Department = "engineering" }));
        Assert.Equal([c.Id], Ids(new CaseFilter { Status = CaseStatus.Completed }));
        Assert.Equal([e.Id, d.Id, a.Id], Ids(new CaseFilter { CategoryId = "road" }));
        Assert.Equal([d.Id, b.Id], Ids(new CaseFilter { AssigneeId = "officer-1" }));
        Assert.Equal([d.Id], Ids(new CaseFilter { AssigneeId = "officer-1", Department = "engineering" }));
        Assert.Equal([b.Id], Ids(new CaseFilter { Channel = CaseChannel.WalkIn }));
        Assert.Equal([c.Id], Ids(new CaseFilter { Channel = CaseChannel.Phone, Department = "engineering" }));
        Assert.Empty(Ids(new CaseFilter { Department = "no-such-department" }));
    }

    [Fact]
    public async Task List_Overdue_OpenCasesPastTheirNextDeadline()
    {
        var unacknowledged = Record(T0);                                                        // acknowledge by T0 + 1 day
        var acknowledged = Record(T0.AddHours(1)) with { AcknowledgedAt = T0.AddHours(2) };     // next: answer by T0 + 15 days
        var closed = Record(T0.AddHours(2), status: CaseStatus.Completed);
        await InsertAsync(unacknowledged, acknowledged, closed);

        string[] Overdue(DateTime now) => [.. Cases.List(new CaseFilter { OverdueOnly = true }, 1, 50, now).Items.Select(x => x.Id)];

        Assert.Empty(Overdue(T0.AddHours(12)));
        Assert.Equal([unacknowledged.Id], Overdue(T0.AddDays(2)));
        Assert.Equal([acknowledged.Id, unacknowledged.Id], Overdue(T0.AddDays(16)));
    }

    [Fact]
    public async Task List_ByNumber_FullShortAndSequenceOnly()
    {
        var in68 = Record(T0, sequence: 42);
        var in69 = Record(new DateTime(2025, 11, 3, 2, 0, 0, DateTimeKind.Utc), sequence: 42);
        var other = Record(T0.AddHours(1), sequence: 43);
        await InsertAsync(in68, in69, other);

        string[] Ids(string number) => [.. Cases.List(new CaseFilter { Number = number }, 1, 50, T0.AddYears(1)).Items.Select(x => x.Id)];

        Assert.Equal([in68.Id], Ids("ร68-00042"));
        Assert.Equal([in69.Id], Ids("69-42"));
        Assert.Equal([in69.Id], Ids("๖๙-๔๒"));
        Assert.Equal([in69.Id, in68.Id], Ids("42"));
        Assert.Empty(Ids("ไฟดับ"));
    }

    [Fact]
    public async Task List_Pages_InOrderWithoutOverlapAndHasMore()
    {
        var records = Enumerable.Range(0, 7).Select(i => Record(T0.AddMinutes(i))).ToArray();
        await InsertAsync(records);
        var now = T0.AddHours(1);

        var first = Cases.List(new CaseFilter(), 1, 3, now);
        var second = Cases.List(new CaseFilter(), 2, 3, now);
        var third = Cases.List(new CaseFilter(), 3, 3, now);

        Assert.Equal((true, true, false), (first.HasMore, second.HasMore, third.HasMore));
        Assert.Equal(records.Reverse().Select(r => r.Id), first.Items.Concat(second.Items).Concat(third.Items).Select(r => r.Id));
        Assert.Equal((2, 3), (second.Page, second.PageSize));
    }

    [Fact]
    public async Task ListForCitizen_OnlyTheirsNewestFirstUpToTheLimit()
    {
        var older = Record(T0, citizen: "Ucitizen1");
        var newer = Record(T0.AddHours(1), citizen: "Ucitizen1");
        var newest = Record(T0.AddHours(2), citizen: "Ucitizen1");
        var someoneElse = Record(T0.AddHours(3), citizen: "Ucitizen2");
        await InsertAsync(older, newer, newest, someoneElse);

        Assert.Equal([newest.Id, newer.Id], Cases.ListForCitizen("Ucitizen1", 2).Select(c => c.Id));
        Assert.Equal([someoneElse.Id], Cases.ListForCitizen("Ucitizen2", 20).Select(c => c.Id));
        Assert.Empty(Cases.ListForCitizen("Unobody", 20));
    }

    [Fact]
    public async Task ListOpenAndCountCreatedSince_WhatScansAndDigestsRead()
    {
        var open = Record(T0, department: "engineering");
        var closed = Record(T0.AddHours(1), department: "engineering", status: CaseStatus.Rejected);
        var assigned = Record(T0.AddHours(2), department: "public-health", status: CaseStatus.Assigned);
        await InsertAsync(open, closed, assigned);

        Assert.Equal([open.Id, assigned.Id], Cases.ListOpen().Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, Cases.CountCreatedSince(T0, "engineering"));
        Assert.Equal(1, Cases.CountCreatedSince(T0.AddMinutes(1), "engineering"));
        Assert.Equal(0, Cases.CountCreatedSince(T0.AddHours(3), "public-health"));
    }

    [Fact]
    public async Task ScanFacts_HalfOpenRangeOldestFirst_UpdateReplacesTheFacts()
    {
        var before = Record(T0.AddDays(-1));
        var first = Record(T0);
        var second = Record(T0.AddHours(5));
        var after = Record(T0.AddDays(1));
        await InsertAsync(after, second, before, first);
        var closed = second with
        {
            Status = CaseStatus.Completed, ClosedAt = T0.AddHours(9), Version = 2,
            Timeline = [.. second.Timeline, new CaseEvent(T0.AddHours(9), CaseEventKind.StatusChanged, "officer-1", CaseStatus.Received, CaseStatus.Completed, null)],
        };
        await Writer.WriteAsync(work => Cases.Update(work, closed));

        var facts = Cases.ScanFacts(T0, T0.AddDays(1)).ToList();

        Assert.Equal([first.Id, second.Id], facts.Select(f => f.CaseId));
        Assert.Equal(CaseFacts.From(first), facts[0]);
        Assert.Equal(CaseFacts.From(closed), facts[1]);
        Assert.Equal(CaseStatus.Completed, facts[1].StatusAt(T0.AddHours(10)));
        Assert.Equal(CaseFacts.From(closed), Cases.FindFacts(closed));
    }

    [Fact]
    public async Task ListForSubjectAndExpired_WhatPrivacyReads()
    {
        var byLine = Record(T0, citizen: "Usubject");
        var byPhone = Record(T0.AddHours(1), channel: CaseChannel.Phone, phone: "0899999999");
        var closedLongAgo = Record(T0.AddDays(-400), status: CaseStatus.Completed, citizen: "Usubject") with
        {
            Photos = [new CasePhoto("p2", "image/jpeg", 10, 10, 100)],
        };
        await InsertAsync(byLine, byPhone, closedLongAgo);

        Assert.Equal([byPhone.Id, byLine.Id, closedLongAgo.Id], Cases.ListForSubject("Usubject", "0899999999").Select(c => c.Id));
        Assert.Equal([byLine.Id, closedLongAgo.Id], Cases.ListForSubject("Usubject", null).Select(c => c.Id));
        Assert.Equal([closedLongAgo.Id], Cases.ListExpired(T0.AddDays(-300), photosOnly: false, 10).Select(c => c.Id));
        Assert.Equal([closedLongAgo.Id], Cases.ListExpired(T0.AddDays(-300), photosOnly: true, 10).Select(c => c.Id));
        Assert.Empty(Cases.ListExpired(T0.AddDays(-500), photosOnly: false, 10));
        Assert.Equal(new CaseCensus(3, 3, 1), Cases.Census());
    }

    [Fact]
    public async Task Anonymise_ClosedCase_PersonalDataGoesFactsStayAndItIsNotExpiredAgain()
    {
        var service = Get<CaseService>();
        var closed = Record(T0.AddDays(-400), status: CaseStatus.Completed, citizen: "Usubject", phone: "0811111111") with
        {
            Photos = [new CasePhoto("p3", "image/jpeg", 10, 10, 100)],
            ContactName = "สมหญิง",
        };
        var open = Record(T0, citizen: "Usubject");
        await InsertAsync(closed, open);
        var facts = Cases.FindFacts(closed);

        var photos = await Writer.WriteAsync(work => service.Anonymise(work, closed.Id, photosOnly: false));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.WriteAsync(work => service.Anonymise(work, open.Id, photosOnly: false)));

        Assert.Equal(["p3"], photos);
        var stripped = Cases.Get(closed.Id)!;
        Assert.True(CaseService.IsAnonymised(stripped));
        Assert.Equal((closed.Number, closed.Status, closed.Version + 1), (stripped.Number, stripped.Status, stripped.Version));
        Assert.Equal(facts, Cases.FindFacts(closed));
        Assert.Empty(Cases.ListExpired(T0, photosOnly: false, 10));
        Assert.DoesNotContain(Cases.ListForSubject("Usubject", "0811111111"), c => c.Id == closed.Id);
        Assert.Equal("Usubject", Cases.Get(open.Id)!.CitizenLineUserId);
        Assert.Equal(new CaseCensus(2, 1, 0), Cases.Census());
    }

    private static Notification Note(string id, string caseId) => new()
    {
        Id = id, Kind = "contract", CaseId = caseId, To = "Ustaff", MessagesJson = "[]",
        CreatedAt = T0, NextAttemptAt = T0.AddYears(50),   // never due: no sweep picks it up while the test looks
    };
}

/// <summary>The case store contract on LiteDB.</summary>
public sealed class LiteDbCaseStoreTests : CaseStoreContract<LiteDbProvider>;

/// <summary>The case store contract on PostgreSQL.</summary>
public sealed class PostgreSqlCaseStoreTests : CaseStoreContract<PostgreSqlProvider>;
