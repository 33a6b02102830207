using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Storage;
using LiteDB;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Reports;

/// <summary>
/// One line of the walk-in register (measure 3.3): <see cref="People"/> people were served at the office for
/// <see cref="ServiceId"/> on the Bangkok <see cref="Day"/>. A wrong line is never edited: a new line that
/// <see cref="Corrects"/> it takes its place from the moment it was recorded (both stay, with who recorded them).
/// </summary>
internal sealed record ServiceVisit(
    string Id,
    DateOnly Day,
    string ServiceId,
    string ServiceName,
    int People,
    string? Note,
    string RecordedBy,
    DateTime RecordedAt,
    string? Corrects);

/// <summary>Why a register line was refused (the page says it in Thai).</summary>
internal enum ServiceVisitProblem
{
    None,
    UnknownEntry,
    AlreadyCorrected,
}

/// <summary>
/// The walk-in register: collection "service_visits" in messaging.db (made, with its Day index, in MessagingStore's
/// constructor). Appends only, through the store's one writer.
/// </summary>
internal sealed class ServiceVisitStore(MessagingStore store, TimeProvider time)
{
    public const string Collection = "service_visits";
    public const string OtherServiceId = "other";
    public const string OtherServiceName = "อื่น ๆ";
    public const int MaxPeople = 10_000;
    public const int MaxNote = 300;

    /// <summary>
    /// Appends a line; with <paramref name="corrects"/>, a correction of that line (on its day), refused when the line
    /// does not exist or was corrected already (correct the newest line instead).
    /// </summary>
    public Task<(ServiceVisit? Visit, ServiceVisitProblem Problem)> RecordAsync(
        DateOnly day, string serviceId, string serviceName, int people, string? note, string recordedBy, string? corrects = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(people, MaxPeople);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return store.Writer.WriteAsync(db =>
        {
            var visits = db.LiteDb().GetCollection(Collection);
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

                visitDay = ParseDay(target[nameof(ServiceVisit.Day)].AsString);
            }

            var visit = new ServiceVisit(id, visitDay, serviceId, serviceName, people, string.IsNullOrWhiteSpace(note) ? null : note, recordedBy, now, corrects);
            visits.Insert(ToDocument(visit));
            return (visit, ServiceVisitProblem.None);
        });
    }

    public ServiceVisit? Find(string id) =>
        store.Database.GetCollection(Collection).FindById(id) is { } document ? FromDocument(document) : null;

    /// <summary>Every line recorded for the Bangkok days <paramref name="from"/> to <paramref name="to"/> (inclusive), corrections included, in the order recorded.</summary>
    public IReadOnlyList<ServiceVisit> Between(DateOnly from, DateOnly to) =>
        [.. store.Database.GetCollection(Collection)
            .Find(Query.Between(nameof(ServiceVisit.Day), DayText(from), DayText(to)))
            .Select(FromDocument)
            .OrderBy(v => v.RecordedAt).ThenBy(v => v.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The lines that count as of <paramref name="asOf"/>: recorded by then and not replaced by a correction recorded by then.
    /// </summary>
    public static IEnumerable<ServiceVisit> Effective(IReadOnlyList<ServiceVisit> lines, DateTime asOf)
    {
        var known = lines.Where(v => v.RecordedAt <= asOf).ToList();
        var replaced = known.Where(v => v.Corrects is not null).Select(v => v.Corrects!).ToHashSet(StringComparer.Ordinal);
        return known.Where(v => !replaced.Contains(v.Id));
    }

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static BsonDocument ToDocument(ServiceVisit v) => new()
    {
        ["_id"] = v.Id,
        [nameof(ServiceVisit.Day)] = DayText(v.Day),
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
        ParseDay(d[nameof(ServiceVisit.Day)].AsString),
        d[nameof(ServiceVisit.ServiceId)].AsString,
        d[nameof(ServiceVisit.ServiceName)].AsString,
        d[nameof(ServiceVisit.People)].AsInt32,
        d[nameof(ServiceVisit.Note)].IsNull ? null : d[nameof(ServiceVisit.Note)].AsString,
        d[nameof(ServiceVisit.RecordedBy)].AsString,
        d[nameof(ServiceVisit.RecordedAt)].AsDateTime.ToUniversalTime(),
        d[nameof(ServiceVisit.Corrects)].IsNull ? null : d[nameof(ServiceVisit.Corrects)].AsString);
}
