using System.Security.Cryptography;
using System.Text.Json;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ItaBot.Reports.LiteDb;

/// <summary>Snapshots in "report_snapshots" of messaging.db: the snapshot as JSON beside the fields it is found by.</summary>
internal sealed partial class LiteDbReportSnapshotStore(MessagingStore messaging, ILogger<LiteDbReportSnapshotStore> logger) : IReportSnapshotStore
{
    public const string CollectionName = "report_snapshots";

    public Task AddAsync(ReportSnapshot snapshot)
    {
        var document = ToBson(snapshot);
        return messaging.Writer.WriteAsync(work => work.LiteDb().GetCollection(CollectionName).Insert(document));
    }

    public ReportSnapshot? Latest(string periodSlug)
    {
        ArgumentNullException.ThrowIfNull(periodSlug);
        // A slug has a few dozen snapshots at most (nightly ones for a month, a year to date changes its slug daily).
        return Snapshots.Find(Query.EQ("Slug", periodSlug))
            .OrderByDescending(d => d["CompiledAt"].AsDateTime)
            .ThenByDescending(d => d["_id"].AsString, StringComparer.Ordinal)
            .Select(Read)
            .FirstOrDefault(s => s is not null);
    }

    public ReportSnapshot? Get(string snapshotId) =>
        string.IsNullOrEmpty(snapshotId) ? null : Snapshots.FindById(snapshotId) is { } d ? Read(d) : null;

    public IReadOnlyList<ReportSnapshot> List(int limit) =>
        [.. Snapshots.Query().OrderByDescending("CompiledAt").Limit(Math.Clamp(limit, 1, 10_000)).ToEnumerable().Select(Read).OfType<ReportSnapshot>()];

    private ILiteCollection<BsonDocument> Snapshots => messaging.Database.GetCollection(CollectionName);

    internal static BsonDocument ToBson(ReportSnapshot s) => new()
    {
        ["_id"] = s.Id,
        ["Slug"] = s.Period.Slug,
        ["CompiledAt"] = s.CompiledAt,
        ["AsOf"] = s.AsOf,
        ["CompiledBy"] = s.CompiledBy,
        ["Json"] = JsonSerializer.Serialize(s, ReportJsonContext.Default.ReportSnapshot),
    };

    private ReportSnapshot? Read(BsonDocument d)
    {
        try
        {
            return JsonSerializer.Deserialize(d["Json"].AsString, ReportJsonContext.Default.ReportSnapshot);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, d["_id"].AsString, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored report snapshot {SnapshotId} cannot be read and is skipped")]
    private static partial void LogUnreadable(ILogger logger, string snapshotId, Exception exception);
}

/// <summary>The walk-in register: "service_visits" in messaging.db, appended through the store's one writer.</summary>
internal sealed class LiteDbServiceVisitStore(MessagingStore store, TimeProvider time) : IServiceVisitStore
{
    public const string Collection = "service_visits";

    public Task<(ServiceVisit? Visit, ServiceVisitProblem Problem)> RecordAsync(
        DateOnly day, string serviceId, string serviceName, int people, string? note, string recordedBy, string? corrects = null)
    {
        ServiceVisits.Check(serviceId, people, recordedBy);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return store.Writer.WriteAsync(work =>
        {
            var visits = work.LiteDb().GetCollection(Collection);
            var visitDay = day;
            if (corrects is not null)
            {
                if (visits.FindById(corrects) is not { } target)
                {
                    return ((ServiceVisit?)null, ServiceVisitProblem.UnknownEntry);
                }

                if (visits.Exists(Query.EQ(nameof(ServiceVisit.Corrects), corrects)))
                {
                    return (null, ServiceVisitProblem.AlreadyCorrected);
                }

                visitDay = ServiceVisits.ParseDay(target[nameof(ServiceVisit.Day)].AsString);
            }

            var visit = new ServiceVisit(id, visitDay, serviceId, serviceName, people, string.IsNullOrWhiteSpace(note) ? null : note, recordedBy, now, corrects);
            visits.Insert(ToDocument(visit));
            return (visit, ServiceVisitProblem.None);
        });
    }

    public ServiceVisit? Find(string id) =>
        store.Database.GetCollection(Collection).FindById(id) is { } document ? FromDocument(document) : null;

    public IReadOnlyList<ServiceVisit> Between(DateOnly from, DateOnly to) =>
        [.. store.Database.GetCollection(Collection)
            .Find(Query.Between(nameof(ServiceVisit.Day), ServiceVisits.DayText(from), ServiceVisits.DayText(to)))
            .Select(FromDocument)
            .OrderBy(v => v.RecordedAt).ThenBy(v => v.Id, StringComparer.Ordinal)];

    private static BsonDocument ToDocument(ServiceVisit v) => new()
    {
        ["_id"] = v.Id,
        [nameof(ServiceVisit.Day)] = ServiceVisits.DayText(v.Day),
        [nameof(ServiceVisit.ServiceId)] = v.ServiceId,
        [nameof(ServiceVisit.ServiceName)] = v.ServiceName,
        [nameof(ServiceVisit.People)] = v.People,
        [nameof(ServiceVisit.Note)] = v.Note,
        [nameof(ServiceVisit.RecordedBy)] = v.RecordedBy,
        [nameof(ServiceVisit.RecordedAt)] = v.RecordedAt,
        [nameof(ServiceVisit.Corrects)] = v.Corrects,
    };

    private static ServiceVisit FromDocument(BsonDocument d) => new(
        d["_id"].AsString,
        ServiceVisits.ParseDay(d[nameof(ServiceVisit.Day)].AsString),
        d[nameof(ServiceVisit.ServiceId)].AsString,
        d[nameof(ServiceVisit.ServiceName)].AsString,
        d[nameof(ServiceVisit.People)].AsInt32,
        d[nameof(ServiceVisit.Note)].IsNull ? null : d[nameof(ServiceVisit.Note)].AsString,
        d[nameof(ServiceVisit.RecordedBy)].AsString,
        d[nameof(ServiceVisit.RecordedAt)].AsDateTime.ToUniversalTime(),
        d[nameof(ServiceVisit.Corrects)].IsNull ? null : d[nameof(ServiceVisit.Corrects)].AsString);
}

internal static class ReportsLiteDbExtensions
{
    /// <summary>The snapshot store and the walk-in register on the messaging file, and their collections and indexes.</summary>
    public static IServiceCollection AddReportsLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<IReportSnapshotStore, LiteDbReportSnapshotStore>();
        services.AddSingleton<IServiceVisitStore, LiteDbServiceVisitStore>();
        // A register on another clock (the seed command writes a past year as of its own time).
        services.AddSingleton<Func<TimeProvider, IServiceVisitStore>>(sp => time => new LiteDbServiceVisitStore(sp.GetRequiredService<MessagingStore>(), time));
        services.AddSingleton<ILiteDbSchema, ReportsLiteDbSchema>();
        return services;
    }
}
