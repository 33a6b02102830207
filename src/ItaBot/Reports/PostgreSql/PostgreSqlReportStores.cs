using System.Security.Cryptography;
using System.Text.Json;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Reports.PostgreSql;

/// <summary>Snapshots in "report_snapshots": the snapshot as jsonb beside the fields it is found by.</summary>
internal sealed partial class PostgreSqlReportSnapshotStore(
    NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency, ILogger<PostgreSqlReportSnapshotStore> logger) : IReportSnapshotStore
{
    private const string Select = "select id, snapshot::text from report_snapshots where agency_id = @agency";

    public Task AddAsync(ReportSnapshot s)
    {
        var json = JsonSerializer.Serialize(s, ReportJsonContext.Default.ReportSnapshot);
        return writer.WriteAsync(work => work.Pg().Command(
                "insert into report_snapshots (agency_id, id, slug, compiled_at, as_of, compiled_by, snapshot) "
                + "values (@agency, @id, @slug, @compiled_at, @as_of, @compiled_by, @snapshot)")
            .With("agency", agency.Id).With("id", s.Id).With("slug", s.Period.Slug).With("compiled_at", s.CompiledAt).With("as_of", s.AsOf)
            .With("compiled_by", s.CompiledBy).WithJson("snapshot", json, binary: false)
            .ExecuteNonQuery());
    }

    public ReportSnapshot? Latest(string periodSlug)
    {
        ArgumentNullException.ThrowIfNull(periodSlug);
        using var command = Read(Select + " and slug = @slug order by compiled_at desc, id desc").With("slug", periodSlug);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (Parse(reader) is { } snapshot)
            {
                return snapshot;
            }
        }

        return null;
    }

    public ReportSnapshot? Get(string snapshotId) =>
        string.IsNullOrEmpty(snapshotId) ? null : Read(Select + " and id = @id").With("id", snapshotId).ReadAll(Parse).FirstOrDefault();

    public IReadOnlyList<ReportSnapshot> List(int limit) =>
        [.. Read(Select + " order by compiled_at desc, id desc limit @limit").With("limit", Math.Clamp(limit, 1, 10_000)).ReadAll(Parse).OfType<ReportSnapshot>()];

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private ReportSnapshot? Parse(NpgsqlDataReader r)
    {
        try
        {
            return JsonSerializer.Deserialize(r.GetString(1), ReportJsonContext.Default.ReportSnapshot);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, r.GetString(0), ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored report snapshot {SnapshotId} cannot be read and is skipped")]
    private static partial void LogUnreadable(ILogger logger, string snapshotId, Exception exception);
}

/// <summary>The walk-in register in "service_visits", appended through the unit-of-work writer.</summary>
internal sealed class PostgreSqlServiceVisitStore(NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency, TimeProvider time) : IServiceVisitStore
{
    private const string Columns = "id, day, service_id, service_name, people, note, recorded_by, recorded_at, corrects";

    public Task<(ServiceVisit? Visit, ServiceVisitProblem Problem)> RecordAsync(
        DateOnly day, string serviceId, string serviceName, int people, string? note, string recordedBy, string? corrects = null)
    {
        ServiceVisits.Check(serviceId, people, recordedBy);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return writer.WriteAsync(work =>
        {
            var visitDay = day;
            if (corrects is not null)
            {
                var corrected = work.Pg().Command("select day from service_visits where agency_id = @agency and id = @id").With("agency", agency.Id)
                    .With("id", corrects).ReadAll(r => r.GetFieldValue<DateOnly>(0));
                if (corrected.Count == 0)
                {
                    return ((ServiceVisit?)null, ServiceVisitProblem.UnknownEntry);
                }

                visitDay = corrected[0];
            }

            var visit = new ServiceVisit(id, visitDay, serviceId, serviceName, people, string.IsNullOrWhiteSpace(note) ? null : note, recordedBy, now, corrects);
            var stored = work.Pg().Command($"insert into service_visits (agency_id, {Columns}) values (@agency, @id, @day, @service_id, @service_name, "
                    + "@people, @note, @recorded_by, @recorded_at, @corrects) on conflict (agency_id, corrects) where corrects is not null do nothing")
                .With("agency", agency.Id).With("id", visit.Id).With("day", visit.Day).With("service_id", visit.ServiceId)
                .With("service_name", visit.ServiceName).With("people", visit.People).With("note", visit.Note).With("recorded_by", visit.RecordedBy)
                .With("recorded_at", visit.RecordedAt).With("corrects", visit.Corrects)
                .ExecuteNonQuery() == 1;
            return stored ? (visit, ServiceVisitProblem.None) : (null, ServiceVisitProblem.AlreadyCorrected);
        });
    }

    public ServiceVisit? Find(string id) =>
        Read($"select {Columns} from service_visits where agency_id = @agency and id = @id").With("id", id).ReadFirst(ToVisit);

    public IReadOnlyList<ServiceVisit> Between(DateOnly from, DateOnly to) =>
        Read($"select {Columns} from service_visits where agency_id = @agency and day between @from and @to order by recorded_at, id")
            .With("from", from).With("to", to).ReadAll(ToVisit);

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private static ServiceVisit ToVisit(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.NullableString(5), r.GetString(6), r.GetDateTime(7),
        r.NullableString(8));
}
