using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Cases.LiteDb;

/// <summary>
/// Cases in the messaging LiteDB file: "cases" (documents with list keys, see <see cref="CaseDocuments"/>), "case_facts"
/// (<see cref="CaseFactDocuments"/>) and the counters of "counters". Reads use the database directly and see committed
/// data; writes run inside the store writer's transaction that the unit of work carries.
/// </summary>
internal sealed class LiteDbCaseStore(MessagingStore store, CaseFactsBackfill backfill) : ICaseStore
{
    public const string CollectionName = "cases";
    public const string CountersCollection = "counters";

    private readonly SequenceReservations _reservations = new();

    private ILiteCollection<BsonDocument> Cases => store.Database.GetCollection(CollectionName);

    public CaseRecord? Get(string id) => Cases.FindById(id) is { } d ? CaseDocuments.FromBson(d) : null;

    public CaseRecord? GetByNumber(string number) =>
        Cases.FindOne(Query.EQ("Number", number.Trim())) is { } d ? CaseDocuments.FromBson(d) : null;

    public IReadOnlyList<CaseRecord> ListForCitizen(string lineUserId, int limit) =>
        [.. Cases.Find(Query.EQ("CitizenLineUserId", lineUserId)).Select(CaseDocuments.FromBson)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).Take(limit)];

    /// <summary>
    /// The query walks one index in descending order (the list key of the most selective filter given, or CreatedAt) and
    /// checks the other filters on each document as it goes, stopping after the page: the cost follows the page, not the
    /// collection. Number searches start from their own small candidate set.
    /// </summary>
    public CasePage List(CaseFilter filter, int page, int pageSize, DateTime now)
    {
        var rows = Source(filter).Where(d => Matches(d, filter, now)).Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(CaseDocuments.FromBson).ToList();
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new CasePage(rows, page, pageSize, hasMore);
    }

    public IReadOnlyList<CaseRecord> ListOpen() =>
        [.. Cases.Find(Query.In("Status", OpenStatuses)).Select(CaseDocuments.FromBson)];

    public int CountCreatedSince(DateTime sinceUtc, string department) =>
        Cases.Count(Query.And(Query.EQ("Department", department), Query.GTE("CreatedAt", sinceUtc)));

    public IReadOnlyList<CaseRecord> ListForSubject(string? lineUserId, string? phone)
    {
        var found = new Dictionary<string, CaseRecord>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(lineUserId))
        {
            foreach (var d in Cases.Find(Query.EQ("CitizenLineUserId", lineUserId)))
            {
                var c = CaseDocuments.FromBson(d);
                found[c.Id] = c;
            }
        }

        if (!string.IsNullOrEmpty(phone))
        {
            // Walk-in and phone complaints carry a phone number only; no index for a rare request.
            foreach (var d in Cases.Find(Query.EQ("ContactPhone", phone)))
            {
                var c = CaseDocuments.FromBson(d);
                found[c.Id] = c;
            }
        }

        return [.. found.Values.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal)];
    }

    public IReadOnlyList<CaseRecord> ListExpired(DateTime closedBefore, bool photosOnly, int limit) =>
        [.. Cases.Find(Query.LT("ClosedAt", closedBefore)).Select(CaseDocuments.FromBson)
            .Where(c => c.Status.IsClosed() && (photosOnly ? c.Photos.Count > 0 : !CaseService.IsAnonymised(c))).Take(limit)];

    public CaseCensus Census() => new(
        Cases.Count(),
        Cases.Count(Query.Not("Description", CaseService.ErasedText)),
        Cases.FindAll().Sum(d => d["Photos"].AsArray.Count));

    public int LastSequence(int fiscalYear) =>
        store.Database.GetCollection(CountersCollection).FindById(CounterId(fiscalYear)) is { } doc ? doc["Value"].AsInt32 : 0;

    /// <summary>In memory: this process is the only writer of the file (see <see cref="SequenceReservations"/>).</summary>
    public int ReserveSequences(int fiscalYear, int count) => _reservations.Reserve(fiscalYear, count, LastSequence);

    public CaseRecord? Find(IUnitOfWork work, string id) =>
        work.LiteDb().GetCollection(CollectionName).FindById(id) is { } d ? CaseDocuments.FromBson(d) : null;

    public void Insert(IUnitOfWork work, CaseRecord record)
    {
        var db = work.LiteDb();
        db.GetCollection(CollectionName).Insert(CaseDocuments.ToBson(record));
        db.GetCollection(CaseFactDocuments.CollectionName).Insert(CaseFactDocuments.ToBson(CaseFacts.From(record)));
        RaiseCounter(db, record.FiscalYear, record.Sequence);
    }

    public void InsertMany(IUnitOfWork work, IReadOnlyList<CaseRecord> records)
    {
        var db = work.LiteDb();
        // Bulk inserts and one counter update per fiscal year: seeding a million cases is mostly this loop.
        db.GetCollection(CollectionName).Insert(records.Select(CaseDocuments.ToBson));
        db.GetCollection(CaseFactDocuments.CollectionName).Insert(records.Select(c => CaseFactDocuments.ToBson(CaseFacts.From(c))));
        RaiseCounters(db, records);
    }

    /// <summary>
    /// The statistics compile reads nothing else, and a million full documents with their seventeen index keys take LiteDB
    /// hours to insert here; the staff pages of such a file show no cases.
    /// </summary>
    public void InsertFactsOnly(IUnitOfWork work, IReadOnlyList<CaseRecord> records)
    {
        var db = work.LiteDb();
        db.GetCollection(CaseFactDocuments.CollectionName).Insert(records.Select(c => CaseFactDocuments.ToBson(CaseFacts.From(c))));
        RaiseCounters(db, records);
    }

    public void Update(IUnitOfWork work, CaseRecord after)
    {
        var db = work.LiteDb();
        db.GetCollection(CollectionName).Update(CaseDocuments.ToBson(after));
        db.GetCollection(CaseFactDocuments.CollectionName).Upsert(CaseFactDocuments.ToBson(CaseFacts.From(after)));
    }

    public void ReplaceKeepingFacts(IUnitOfWork work, CaseRecord stripped) =>
        work.LiteDb().GetCollection(CollectionName).Update(CaseDocuments.ToBson(stripped));

    public IEnumerable<CaseFact> ScanFacts(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default) =>
        CaseFactDocuments.Scan(store.Database, fromUtc, toUtc, cancellationToken: cancellationToken);

    public CaseFact? FindFacts(CaseRecord c) =>
        store.Database.GetCollection(CaseFactDocuments.CollectionName).FindById(CaseFactDocuments.Key(c.CreatedAt, c.Id)) is { } d
            ? CaseFactDocuments.FromBson(d)
            : null;

    public Task WhenFactsCompleteAsync() => backfill.EnsureAsync();

    private static readonly BsonArray OpenStatuses = new(Enum.GetValues<CaseStatus>().Where(s => !s.IsClosed()).Select(s => new BsonValue(s.ToString())));

    private IEnumerable<BsonDocument> Source(CaseFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            return NewestFirst(CaseNumbers.Candidates(filter.Number, NumberedFiscalYears())
                .Select(n => Cases.FindOne(Query.EQ("Number", n))).OfType<BsonDocument>());
        }

        var (key, value) = filter switch
        {
            // Overdue cases are open ones: walk the open cases newest first and let Matches check the deadline.
            { OverdueOnly: true } => ("KOpen", "open"),
            { Department: { } d, Status: { } s } => ("KDepartmentStatus", d + "|" + s),
            { AssigneeId: { } a } => ("KAssignee", a),
            { CategoryId: { } c } => ("KCategory", c),
            { Department: { } d } => ("KDepartment", d),
            { Status: { } s } => ("KStatus", s.ToString()),
            { Channel: { } ch } => ("KChannel", ch.ToString()),
            _ => ("CreatedAt", null),
        };
        if (value is null)
        {
            return Cases.Query().OrderByDescending("CreatedAt").ToEnumerable();
        }

        // Keys are "value|ticks(19 digits)|id": this range holds every key of the value (and maybe a neighbour's, which
        // Matches drops), and within one value the keys sort by time.
        return Cases.Query()
            .Where(Query.Between(key, value + "|", value + "|99999999999999999999"))
            .OrderByDescending(key)
            .ToEnumerable();
    }

    private static IEnumerable<BsonDocument> NewestFirst(IEnumerable<BsonDocument> documents) =>
        documents.OrderByDescending(d => d["CreatedAt"].AsDateTime).ThenByDescending(d => d["_id"].AsString, StringComparer.Ordinal);

    private static bool Matches(BsonDocument d, CaseFilter filter, DateTime now) =>
        (filter.Status is not { } status || d["Status"].AsString == status.ToString())
        && (filter.CategoryId is not { } category || d["CategoryId"].AsString == category)
        && (filter.Department is not { } department || d["Department"].AsString == department)
        && (filter.Channel is not { } channel || d["Channel"].AsString == channel.ToString())
        && (filter.AssigneeId is not { } assignee || (d["AssigneeId"].IsString && d["AssigneeId"].AsString == assignee))
        && (!filter.OverdueOnly || (d["OpenDue"].IsDateTime && d["OpenDue"].AsDateTime.ToUniversalTime() < now));

    /// <summary>The fiscal years that have a counter, hence numbers ("case-2568" …).</summary>
    private List<int> NumberedFiscalYears() =>
        store.Database.GetCollection(CountersCollection).FindAll()
            .Select(d => d["_id"].AsString)
            .Where(id => id.StartsWith("case-", StringComparison.Ordinal))
            .Select(id => int.Parse(id.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static string CounterId(int fiscalYear) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"case-{fiscalYear}");

    private static void RaiseCounters(LiteDatabase db, IReadOnlyList<CaseRecord> records)
    {
        foreach (var year in records.GroupBy(c => c.FiscalYear))
        {
            RaiseCounter(db, year.Key, year.Max(c => c.Sequence));
        }
    }

    /// <summary>The stored counter never goes down.</summary>
    private static void RaiseCounter(LiteDatabase db, int fiscalYear, int sequence)
    {
        var counters = db.GetCollection(CountersCollection);
        var id = CounterId(fiscalYear);
        var doc = counters.FindById(id);
        if (doc is null)
        {
            counters.Insert(new BsonDocument { ["_id"] = id, ["Value"] = sequence });
        }
        else if (doc["Value"].AsInt32 < sequence)
        {
            doc["Value"] = sequence;
            counters.Update(doc);
        }
    }
}
