using System.Text.Json;
using System.Text.Json.Serialization;
using ItaBot.Content;
using ItaBot.Storage;

namespace ItaBot.Reports;

/// <summary>
/// <see cref="IReportCompiler"/>: asks the three sources one after another (general complaints, protected reports,
/// services and questions) with one trace, so the digest is the same on a recompile; moves the complaints' service row
/// into the services table as its first row; keeps the snapshot in the snapshot store (one small record per compile). An <c>asOf</c> later than now is taken as now: the records of the future
/// are not known yet, and a recompile as of it could not be identical.
/// </summary>
internal sealed partial class ReportCompiler(
    IReportSnapshotStore snapshots,
    ContentPackProvider content,
    IReportSource<ComplaintFigures> complaints,
    IReportSource<CorruptionFigures> corruption,
    IReportSource<ServiceFigures> services,
    TimeProvider time,
    ILogger<ReportCompiler> logger) : IReportCompiler
{
    public async Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(compiledBy);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var at = asOf is { } requested ? Utc(requested) : now;
        if (at > now)
        {
            at = now;
        }

        using var trace = new ReportTrace();
        var complaintFigures = await complaints.CompileAsync(period, at, trace, cancellationToken).ConfigureAwait(false);
        var corruptionFigures = await corruption.CompileAsync(period, at, trace, cancellationToken).ConfigureAwait(false);
        var serviceFigures = await services.CompileAsync(period, at, trace, cancellationToken).ConfigureAwait(false);
        if (complaintFigures.ServiceRows is { } rows)
        {
            serviceFigures = WithComplaints(serviceFigures, rows);
            complaintFigures = complaintFigures with { ServiceRows = null };
        }

        var snapshot = new ReportSnapshot
        {
            Id = RecordId.New(time),
            Period = period,
            AsOf = at,
            CompiledAt = now,
            CompiledBy = compiledBy,
            AgencyName = content.Current.Agency.Name,
            Corruption = corruptionFigures,
            Complaints = complaintFigures,
            Services = serviceFigures,
            Trace = trace.ToSnapshotTrace(),
        };
        if (store)
        {
            await snapshots.AddAsync(snapshot).ConfigureAwait(false);
        }

        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogCompiled(logger, snapshot.Id, snapshot.Trace.Cases, snapshot.Trace.ProtectedReports, elapsedMs, store);
        return snapshot;
    }

    public ReportSnapshot? Latest(string periodSlug) => snapshots.Latest(periodSlug);

    public ReportSnapshot? Get(string snapshotId) => snapshots.Get(snapshotId);

    public IReadOnlyList<ReportSnapshot> List(int limit = 100) => snapshots.List(limit);

    /// <summary>
    /// Adds complaints to the rows of the services they are about (a service the services source did not list comes first),
    /// so that a service's E-Service and walk-in include its complaints and every row adds up to the totals.
    /// </summary>
    internal static ServiceFigures WithComplaints(ServiceFigures figures, IReadOnlyList<ServiceRow> complaints)
    {
        var byId = complaints.ToDictionary(r => r.ServiceId, StringComparer.Ordinal);
        static IReadOnlyList<MonthCount> Add(IReadOnlyList<MonthCount> a, IReadOnlyList<MonthCount> b) =>
            [.. a.Select(m => m with { Count = m.Count + b.Where(n => n.Year == m.Year && n.Month == m.Month).Sum(n => n.Count) })];
        var merged = figures.Services.Select(s => byId.TryGetValue(s.ServiceId, out var c)
            ? s with { EService = s.EService + c.EService, WalkIn = s.WalkIn + c.WalkIn, EServiceByMonth = Add(s.EServiceByMonth, c.EServiceByMonth), WalkInByMonth = Add(s.WalkInByMonth, c.WalkInByMonth) }
            : s).ToList();
        var listed = figures.Services.Select(s => s.ServiceId).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<ServiceRow> services = [.. complaints.Where(c => !listed.Contains(c.ServiceId)), .. merged];
        return figures with
        {
            EServiceTotal = services.Sum(s => s.EService),
            WalkInTotal = services.Sum(s => s.WalkIn),
            Services = services,
        };
    }

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled report snapshot {SnapshotId}: {Cases} cases, {ProtectedReports} protected reports in {ElapsedMs} ms (stored: {Stored})")]
    private static partial void LogCompiled(ILogger logger, string snapshotId, int cases, int protectedReports, long elapsedMs, bool stored);
}

/// <summary>Stored snapshots: System.Text.Json, source-generated; the period is written as its slug.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(ReportPeriodSlugConverter)])]
[JsonSerializable(typeof(ReportSnapshot))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>A <see cref="ReportPeriod"/> as its <see cref="ReportPeriod.Slug"/>, read back with <see cref="ReportPeriod.Parse"/>.</summary>
internal sealed class ReportPeriodSlugConverter : JsonConverter<ReportPeriod>
{
    public override ReportPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReportPeriod.Parse(reader.GetString()) ?? throw new JsonException("Not a report period.");

    public override void Write(Utf8JsonWriter writer, ReportPeriod value, JsonSerializerOptions options) => writer.WriteStringValue(value.Slug);
}
