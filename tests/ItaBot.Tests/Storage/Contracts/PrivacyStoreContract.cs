using ItaBot.Privacy;
using ItaBot.Storage;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>
/// The privacy slice's records, written once for every storage: requests by person, status, year and time; one-time copy
/// links that expire; the staff access audit and the purge log by time; retention deletes.
/// </summary>
public abstract class PrivacyStoreContract<TProvider> : StoreContract<TProvider> where TProvider : IStorageProvider, new()
{
    private static readonly DateTime T0 = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private IPrivacyStore Store => Get<IPrivacyStore>();

    [Fact]
    public async Task AddRequest_ThenFind_EveryFieldAndItsLog()
    {
        var request = Request("r1", "PD69-0001", T0, "U1") with { Detail = "ขอสำเนา", Log = [new(T0, "citizen", "รับคำขอ"), new(T0, "system", "ส่งลิงก์")] };
        await Store.AddRequestAsync(Writer, request, 69);

        var found = Store.FindRequest("r1");

        Assert.NotNull(found);
        Assert.Equal(request.Number, found.Number);
        Assert.Equal(PrivacyRequestKind.Erasure, found.Kind);
        Assert.Equal("U1", found.LineUserId);
        Assert.Equal("ขอสำเนา", found.Detail);
        Assert.Equal(T0, found.ReceivedAt);
        Assert.Equal(DateTimeKind.Utc, found.ReceivedAt.Kind);
        Assert.Equal(T0.AddDays(30), found.DueAt);
        Assert.Equal(request.Log, found.Log);
        Assert.Null(Store.FindRequest("r2"));
    }

    [Fact]
    public async Task UpdateRequest_Decided_StatusAndYearKept()
    {
        await Store.AddRequestAsync(Writer, Request("r1", "PD69-0007", T0, "U1"), 69);
        var request = Store.FindRequest("r1")!;

        await Writer.WriteAsync(work => Store.UpdateRequest(work, request with
        {
            Status = PrivacyRequestStatus.Refused, DecidedAt = T0.AddDays(1), DecidedBy = "สมศรี", Reason = "กฎหมายกำหนดให้เก็บ", LineUserId = null,
        }));

        var decided = Store.FindRequest("r1")!;
        Assert.Equal(PrivacyRequestStatus.Refused, decided.Status);
        Assert.Equal(T0.AddDays(1), decided.DecidedAt);
        Assert.Null(decided.LineUserId);
        Assert.Equal(7, Store.LastSequence(69));
        Assert.Empty(Store.ListRequestsOf("U1"));
    }

    [Fact]
    public async Task FindRequest_InsideTheWrite_SeesWhatTheWriteAdded()
    {
        var seen = await Writer.WriteAsync(work =>
        {
            Store.AddRequest(work, Request("r1", "PD69-0001", T0, "U1"), 69);
            return Store.FindRequest(work, "r1")?.Number;
        });

        Assert.Equal("PD69-0001", seen);
    }

    [Fact]
    public async Task LastSequence_TwoYears_HighestOfThatYear()
    {
        await Store.AddRequestAsync(Writer, Request("a", "PD68-0041", T0, null), 68);
        await Store.AddRequestAsync(Writer, Request("b", "PD69-0002", T0, null), 69);
        await Store.AddRequestAsync(Writer, Request("c", "PD69-0010", T0, null), 69);
        await Store.AddRequestAsync(Writer, Request("d", "PD69-0009", T0, null), 69);

        Assert.Equal(10, Store.LastSequence(69));
        Assert.Equal(41, Store.LastSequence(68));
        Assert.Equal(0, Store.LastSequence(70));
    }

    [Fact]
    public async Task ReserveSequence_AboveStoredRequestsAndEarlierReservations_EachOnce()
    {
        await Store.AddRequestAsync(Writer, Request("a", "PD69-0009", T0, null), 69);

        var reserved = Enumerable.Range(0, 3).Select(_ => Store.ReserveSequence(69)).ToList();

        Assert.Equal([10, 11, 12], reserved);
        Assert.Equal(1, Store.ReserveSequence(70));
        Assert.Equal(9, Store.LastSequence(69));   // a reservation is not a request
    }

    [Fact]
    public async Task ListRequests_ByStatusPersonAndTime_OrderedAsPromised()
    {
        await Store.AddRequestAsync(Writer, Request("old", "PD69-0001", T0, "U1"), 69);
        await Store.AddRequestAsync(Writer, Request("new", "PD69-0002", T0.AddDays(2), "U1") with { Status = PrivacyRequestStatus.Completed }, 69);
        await Store.AddRequestAsync(Writer, Request("mid", "PD69-0003", T0.AddDays(1), "U2"), 69);

        Assert.Equal(["new", "mid", "old"], Store.ListRequests(null, 200).Select(r => r.Id));
        Assert.Equal(["mid", "old"], Store.ListRequests(PrivacyRequestStatus.Pending, 200).Select(r => r.Id));
        Assert.Equal(["new"], Store.ListRequests(null, 1).Select(r => r.Id));
        Assert.Equal(["old", "new"], Store.ListRequestsOf("U1").Select(r => r.Id));
        Assert.Equal(["old", "mid"], Store.ListRequestsBetween(T0, T0.AddDays(2)).Select(r => r.Id));
        Assert.Equal(new PrivacyCounts(3, 0), Store.Count());
    }

    [Fact]
    public async Task TakeCopyLink_Twice_OnlyTheFirstGetsIt()
    {
        await Writer.WriteAsync(work => Store.AddCopyLink(work, new PrivacyCopyLink("hash-1", "U1", "r1", T0.AddDays(1))));

        var first = await Writer.WriteAsync(work => Store.TakeCopyLink(work, "hash-1", T0));
        var second = await Writer.WriteAsync(work => Store.TakeCopyLink(work, "hash-1", T0));

        Assert.Equal("U1", first?.LineUserId);
        Assert.Equal("r1", first?.RequestId);
        Assert.Null(second);
        Assert.Null(await Writer.WriteAsync(work => Store.TakeCopyLink(work, "no-such-link", T0)));
    }

    [Fact]
    public async Task TakeCopyLink_Expired_Null()
    {
        await Writer.WriteAsync(work => Store.AddCopyLink(work, new PrivacyCopyLink("hash-1", "U1", "r1", T0)));

        Assert.Null(await Writer.WriteAsync(work => Store.TakeCopyLink(work, "hash-1", T0.AddMilliseconds(1))));
    }

    [Fact]
    public async Task DeleteDecidedRequests_Retention_DecidedBeforeAndExpiredLinksGo()
    {
        await Store.AddRequestAsync(Writer, Request("decided-long-ago", "PD69-0001", T0, "U1") with { Status = PrivacyRequestStatus.Completed, DecidedAt = T0 }, 69);
        await Store.AddRequestAsync(Writer, Request("decided-lately", "PD69-0002", T0, "U1") with { Status = PrivacyRequestStatus.Completed, DecidedAt = T0.AddDays(20) }, 69);
        await Store.AddRequestAsync(Writer, Request("pending", "PD69-0003", T0, "U1"), 69);
        await Writer.WriteAsync(work =>
        {
            Store.AddCopyLink(work, new PrivacyCopyLink("expired", "U1", "r1", T0.AddDays(1)));
            Store.AddCopyLink(work, new PrivacyCopyLink("alive", "U1", "r1", T0.AddDays(40)));
        });

        var deleted = await Writer.WriteAsync(work => Store.DeleteDecidedRequests(work, T0.AddDays(10), T0.AddDays(30)));

        Assert.Equal(2, deleted);
        Assert.Equal(["decided-lately", "pending"], Store.ListRequests(null, 200).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Null(await Writer.WriteAsync(work => Store.TakeCopyLink(work, "expired", T0)));
        Assert.NotNull(await Writer.WriteAsync(work => Store.TakeCopyLink(work, "alive", T0)));
    }

    [Fact]
    public async Task Access_RecordedAtThreeTimes_ListedNewestFirstInRangeAndDeletedByAge()
    {
        await Store.AddAccessAsync(new AccessRecord(T0, "s1", "สมศรี", "CaseOfficer", "view-case", "ร69-00001"));
        await Store.AddAccessAsync(new AccessRecord(T0.AddDays(2), "s2", "สมชาย", "Admin", "list-cases", ""));
        await Store.AddAccessAsync(new AccessRecord(T0.AddDays(1), "s1", "สมศรี", "CaseOfficer", "view-photo", "ร69-00001/p1"));

        Assert.Equal([T0.AddDays(2), T0.AddDays(1), T0], Store.ListAccess(DateTime.MinValue, DateTime.MaxValue).Select(r => r.At));
        var inRange = Assert.Single(Store.ListAccess(T0.AddDays(1), T0.AddDays(2)));
        Assert.Equal(new AccessRecord(T0.AddDays(1), "s1", "สมศรี", "CaseOfficer", "view-photo", "ร69-00001/p1"), inRange);

        var deleted = await Writer.WriteAsync(work => Store.DeleteAccessBefore(work, T0.AddDays(1)));

        Assert.Equal(1, deleted);
        Assert.Equal(2, Store.Count().AccessRecords);
    }

    [Fact]
    public async Task PurgeLog_TwoRuns_NewestFirstUpToTheLimit()
    {
        await Store.AddPurgeEntriesAsync([new PurgeEntry(T0, "cases", 3, "ร69-00001, ร69-00002, ร69-00003"), new PurgeEntry(T0, "qa_log", 12, "")]);
        await Store.AddPurgeEntriesAsync([new PurgeEntry(T0.AddDays(1), "photos", 2, "ร69-00004")]);

        var log = Store.ListPurgeLog(500);

        Assert.Equal(3, log.Count);
        Assert.Equal(new PurgeEntry(T0.AddDays(1), "photos", 2, "ร69-00004"), log[0]);
        Assert.Equal(["cases", "qa_log"], log.Skip(1).Select(e => e.Kind).Order(StringComparer.Ordinal));
        Assert.Single(Store.ListPurgeLog(1));
    }

    private static PrivacyRequest Request(string id, string number, DateTime receivedAt, string? lineUserId) => new()
    {
        Id = id,
        Number = number,
        Kind = PrivacyRequestKind.Erasure,
        InPerson = lineUserId is null,
        LineUserId = lineUserId,
        RequesterName = lineUserId is null ? "สมปอง" : null,
        RequesterPhone = lineUserId is null ? "0812345678" : null,
        ReceivedAt = receivedAt,
        DueAt = receivedAt.AddDays(30),
        Status = PrivacyRequestStatus.Pending,
        Log = [new(receivedAt, "citizen", "รับคำขอ")],
    };
}

public sealed class LiteDbPrivacyStoreTests : PrivacyStoreContract<LiteDbProvider>;

internal static class PrivacyStoreContractExtensions
{
    public static Task AddRequestAsync(this IPrivacyStore store, IStoreWriter writer, PrivacyRequest request, int year) =>
        writer.WriteAsync(work => store.AddRequest(work, request, year));
}

public sealed class PostgreSqlPrivacyStoreTests : PrivacyStoreContract<PostgreSqlProvider>;
