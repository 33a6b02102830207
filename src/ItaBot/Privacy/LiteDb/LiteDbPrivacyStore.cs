using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Privacy.LiteDb;

/// <summary>"privacy_requests", "privacy_copies", "access_audit" and "purge_log" in messaging.db.</summary>
internal sealed class LiteDbPrivacyStore(MessagingStore store) : IPrivacyStore
{
    public const string RequestCollection = "privacy_requests";
    public const string CopyCollection = "privacy_copies";
    public const string AccessCollection = "access_audit";
    public const string PurgeCollection = "purge_log";

    private readonly SequenceReservations _reservations = new();

    public void AddRequest(IUnitOfWork work, PrivacyRequest request, int year)
    {
        var document = ToBson(request);
        document["Year"] = year;
        work.LiteDb().GetCollection(RequestCollection).Insert(document);
    }

    public void UpdateRequest(IUnitOfWork work, PrivacyRequest request)
    {
        var requests = work.LiteDb().GetCollection(RequestCollection);
        var document = ToBson(request);
        document["Year"] = requests.FindById(request.Id)["Year"];
        requests.Update(document);
    }

    public PrivacyRequest? FindRequest(string id) => Requests.FindById(id) is { } d ? FromBson(d) : null;

    public PrivacyRequest? FindRequest(IUnitOfWork work, string id) =>
        work.LiteDb().GetCollection(RequestCollection).FindById(id) is { } d ? FromBson(d) : null;

    public int LastSequence(int year) =>
        Requests.Find(Query.EQ("Year", year))
            .Select(d => int.Parse(d["Number"].AsString.AsSpan(d["Number"].AsString.IndexOf('-', StringComparison.Ordinal) + 1), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Max();

    /// <summary>In memory: this process is the only writer of the file (see <see cref="SequenceReservations"/>).</summary>
    public int ReserveSequence(int year) => _reservations.Reserve(year, 1, LastSequence);

    public IReadOnlyList<PrivacyRequest> ListRequests(PrivacyRequestStatus? status, int limit) =>
        [.. (status is { } s ? Requests.Find(Query.EQ("Status", s.ToString())) : Requests.FindAll())
            .Select(FromBson).OrderByDescending(r => r.ReceivedAt).Take(limit)];

    public IReadOnlyList<PrivacyRequest> ListRequestsBetween(DateTime fromUtc, DateTime toUtc) =>
        [.. Requests.Find(Query.And(Query.GTE("ReceivedAt", fromUtc), Query.LT("ReceivedAt", toUtc))).Select(FromBson).OrderBy(r => r.ReceivedAt)];

    public IReadOnlyList<PrivacyRequest> ListRequestsOf(string lineUserId) =>
        [.. Requests.Find(Query.EQ("LineUserId", lineUserId)).Select(FromBson).OrderBy(r => r.ReceivedAt)];

    public int DeleteDecidedRequests(IUnitOfWork work, DateTime before, DateTime now)
    {
        var db = work.LiteDb();
        // Decided ones only: a pending request's DecidedAt is null, and LiteDB orders null below every date.
        return db.GetCollection(RequestCollection).DeleteMany(Query.And(Query.GTE("DecidedAt", DateTime.MinValue), Query.LT("DecidedAt", before)))
            + db.GetCollection(CopyCollection).DeleteMany(Query.LT("ExpiresAt", now));
    }

    public void AddCopyLink(IUnitOfWork work, PrivacyCopyLink link) => work.LiteDb().GetCollection(CopyCollection).Insert(new BsonDocument
    {
        ["_id"] = link.Id,
        ["LineUserId"] = link.LineUserId,
        ["RequestId"] = link.RequestId,
        ["ExpiresAt"] = link.ExpiresAt,
        ["UsedAt"] = link.UsedAt is { } used ? used : BsonValue.Null,
    });

    public PrivacyCopyLink? TakeCopyLink(IUnitOfWork work, string id, DateTime now)
    {
        var links = work.LiteDb().GetCollection(CopyCollection);
        if (links.FindById(id) is not { } d || !d["UsedAt"].IsNull || d["ExpiresAt"].AsDateTime.ToUniversalTime() < now)
        {
            return null;
        }

        d["UsedAt"] = now;
        links.Update(d);
        return new PrivacyCopyLink(id, d["LineUserId"].AsString, d["RequestId"].AsString, Utc(d["ExpiresAt"]));
    }

    public Task AddAccessAsync(AccessRecord r) => store.Writer.WriteAsync(work => work.LiteDb().GetCollection(AccessCollection).Insert(new BsonDocument
    {
        ["_id"] = ObjectId.NewObjectId(),
        ["At"] = r.At,
        ["StaffId"] = r.StaffId,
        ["StaffName"] = r.StaffName,
        ["Role"] = r.Role,
        ["Action"] = r.Action,
        ["Target"] = r.Target,
    }));

    public IReadOnlyList<AccessRecord> ListAccess(DateTime fromUtc, DateTime toUtc) =>
        [.. store.Database.GetCollection(AccessCollection)
            .Find(Query.And(Query.GTE("At", fromUtc), Query.LT("At", toUtc)))
            .Select(d => new AccessRecord(Utc(d["At"]), d["StaffId"].AsString, d["StaffName"].AsString, d["Role"].AsString, d["Action"].AsString, d["Target"].AsString))
            .OrderByDescending(r => r.At)];

    public int DeleteAccessBefore(IUnitOfWork work, DateTime before) =>
        work.LiteDb().GetCollection(AccessCollection).DeleteMany(Query.LT("At", before));

    public Task AddPurgeEntriesAsync(IReadOnlyList<PurgeEntry> entries) =>
        store.Writer.WriteAsync(work => work.LiteDb().GetCollection(PurgeCollection).InsertBulk(entries.Select(e => new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId(), ["At"] = e.At, ["Kind"] = e.Kind, ["Count"] = e.Count, ["Detail"] = e.Detail,
        })));

    public IReadOnlyList<PurgeEntry> ListPurgeLog(int limit) =>
        [.. store.Database.GetCollection(PurgeCollection).FindAll()
            .Select(d => new PurgeEntry(Utc(d["At"]), d["Kind"].AsString, d["Count"].AsInt32, d["Detail"].AsString))
            .OrderByDescending(e => e.At).Take(limit)];

    public PrivacyCounts Count() => new(Requests.Count(), store.Database.GetCollection(AccessCollection).Count());

    private ILiteCollection<BsonDocument> Requests => store.Database.GetCollection(RequestCollection);

    private static BsonDocument ToBson(PrivacyRequest r) => new()
    {
        ["_id"] = r.Id,
        ["Number"] = r.Number,
        ["Kind"] = r.Kind.ToString(),
        ["InPerson"] = r.InPerson,
        ["LineUserId"] = r.LineUserId,
        ["RequesterName"] = r.RequesterName,
        ["RequesterPhone"] = r.RequesterPhone,
        ["Detail"] = r.Detail,
        ["ReceivedAt"] = r.ReceivedAt,
        ["DueAt"] = r.DueAt,
        ["Status"] = r.Status.ToString(),
        ["DecidedAt"] = r.DecidedAt is { } d ? d : BsonValue.Null,
        ["DecidedBy"] = r.DecidedBy,
        ["Reason"] = r.Reason,
        ["Log"] = new BsonArray(r.Log.Select(e => new BsonDocument { ["At"] = e.At, ["Actor"] = e.Actor, ["What"] = e.What })),
    };

    private static PrivacyRequest FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Number = d["Number"].AsString,
        Kind = Enum.Parse<PrivacyRequestKind>(d["Kind"].AsString),
        InPerson = d["InPerson"].AsBoolean,
        LineUserId = Text(d["LineUserId"]),
        RequesterName = Text(d["RequesterName"]),
        RequesterPhone = Text(d["RequesterPhone"]),
        Detail = Text(d["Detail"]),
        ReceivedAt = Utc(d["ReceivedAt"]),
        DueAt = Utc(d["DueAt"]),
        Status = Enum.Parse<PrivacyRequestStatus>(d["Status"].AsString),
        DecidedAt = d["DecidedAt"].IsNull ? null : Utc(d["DecidedAt"]),
        DecidedBy = Text(d["DecidedBy"]),
        Reason = Text(d["Reason"]),
        Log = [.. d["Log"].AsArray.Select(e => new PrivacyRequestEvent(Utc(e["At"]), e["Actor"].AsString, e["What"].AsString))],
    };

    private static string? Text(BsonValue v) => v.IsNull ? null : v.AsString;

    private static DateTime Utc(BsonValue v) => DateTime.SpecifyKind(v.AsDateTime.ToUniversalTime(), DateTimeKind.Utc);
}

internal static class PrivacyLiteDbExtensions
{
    public static IServiceCollection AddPrivacyLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<IPrivacyStore, LiteDbPrivacyStore>();
        services.AddSingleton<ILiteDbSchema, PrivacyLiteDbSchema>();
        return services;
    }
}
