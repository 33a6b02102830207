using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Reports;

/// <summary>
/// A stand-in for the report compiler until the real one lands: every compile gives the figures of
/// <see cref="SampleSnapshots.Fy2568"/> (or <see cref="SampleSnapshots.EmptyMonth"/> for a period with no data) for the
/// period asked, remembers what it was asked, and keeps stored snapshots in memory. <see cref="Drift"/> makes the next
/// compiles count one more complaint (records that changed since), so a recheck can be seen to fail.
/// </summary>
internal sealed class FakeReportCompiler(TimeProvider time) : IReportCompiler
{
    private readonly ConcurrentDictionary<string, ReportSnapshot> _stored = new(StringComparer.Ordinal);
    private int _sequence;

    public ConcurrentQueue<(ReportPeriod Period, string CompiledBy, DateTime? AsOf, bool Store)> Calls { get; } = new();

    public bool Drift { get; set; }

    /// <summary>Agency name put on every snapshot (tests put markup in it to see it encoded).</summary>
    public string AgencyName { get; set; } = "เทศบาลตำบลโนนทอง";

    /// <summary>Periods starting on or after this day compile as empty.</summary>
    public DateOnly EmptyFrom { get; set; } = DateOnly.MaxValue;

    public Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((period, compiledBy, asOf, store));
        var now = time.GetUtcNow().UtcDateTime;
        var figures = period.From >= EmptyFrom ? SampleSnapshots.EmptyMonth() : SampleSnapshots.Fy2568();
        var complaints = Drift ? figures.Complaints with { Total = figures.Complaints.Total + 1 } : figures.Complaints;
        var snapshot = figures with
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"snap-{period.Slug}-{Interlocked.Increment(ref _sequence)}"),
            Period = period,
            AsOf = asOf ?? now,
            CompiledAt = now,
            CompiledBy = compiledBy,
            AgencyName = AgencyName,
            Complaints = complaints,
            Trace = Drift ? figures.Trace with { Cases = figures.Trace.Cases + 1, Digest = new string('a', 64) } : figures.Trace,
        };
        if (store)
        {
            _stored[snapshot.Id] = snapshot;
        }

        return Task.FromResult(snapshot);
    }

    public ReportSnapshot? Latest(string periodSlug) =>
        _stored.Values.Where(s => s.Period.Slug == periodSlug).MaxBy(s => s.CompiledAt);

    public ReportSnapshot? Get(string snapshotId) => _stored.GetValueOrDefault(snapshotId);

    public IReadOnlyList<ReportSnapshot> List(int limit = 100) =>
        [.. _stored.Values.OrderByDescending(s => s.CompiledAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Take(limit)];
}

/// <summary>A document renderer as the document slices will register them: the figures as UTF-8 text (CSV-like), named for the period.</summary>
internal sealed class FakeRenderer(string kind, string title, bool isPublic = true) : IReportRenderer
{
    public string Kind => kind;

    public string Title => title;

    public bool IsPublic => isPublic;

    public ReportDocument Render(ReportSnapshot snapshot) => new(
        $"{kind}-{snapshot.Period.Slug}.csv",
        "text/csv; charset=utf-8",
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"kind,period,complaints,corruption\n{kind},{snapshot.Period.Slug},{snapshot.Complaints.Total},{snapshot.Corruption.Total}\n")));
}

/// <summary>The service with the fake compiler and two renderers; time from <paramref name="time"/> when given.</summary>
internal static class PublishHost
{
    public static readonly FakeRenderer[] Renderers =
    [
        new("complaints-csv", "สถิติเรื่องร้องเรียนทั่วไป (CSV)"),
        new("corruption-csv", "สถิติเรื่องร้องเรียนการทุจริต (CSV)"),
    ];

    public static ServiceHost Create(LineStandIn line, FakeReportCompiler compiler, TimeProvider? time = null, IDictionary<string, string?>? settings = null) =>
        new(line, services: services =>
        {
            services.AddSingleton<IReportCompiler>(compiler);

            // Only the fakes: the real renderers would add files, and the nightly catch-up would call the compiler.
            services.RemoveAll<IReportRenderer>();
            services.Remove(services.Single(d => d.ImplementationType == typeof(ReportsStartup)));
            foreach (var renderer in Renderers)
            {
                services.AddSingleton<IReportRenderer>(renderer);
            }

            if (time is not null)
            {
                services.AddSingleton(time);
            }
        }, settings: settings);
}
