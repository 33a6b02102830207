using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Reports;
using ItaBot.Tests.Cases;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Reports;

/// <summary>A <see cref="CaseTestKit"/> (real messaging.db, shipped content pack, fake Bangkok clock) with the real compiler.</summary>
internal sealed class ReportTestKit : IAsyncDisposable
{
    public ReportTestKit(DateTimeOffset? start = null)
    {
        Kit = new CaseTestKit(start);
        Complaints = new ComplaintStatistics(Kit.CaseStore, Kit.Content);
        Compiler = new ReportCompiler(new ItaBot.Reports.LiteDb.LiteDbReportSnapshotStore(Kit.Store, NullLogger<ItaBot.Reports.LiteDb.LiteDbReportSnapshotStore>.Instance), Kit.Content, Complaints, new FixedCorruption(), new FixedServices(), Kit.Time,
            NullLogger<ReportCompiler>.Instance);
    }

    public CaseTestKit Kit { get; }

    public CaseFactsBackfill Backfill => Kit.Backfill;

    public ComplaintStatistics Complaints { get; }

    public ReportCompiler Compiler { get; }

    public DateTime Now => Kit.Time.GetUtcNow().UtcDateTime;

    /// <summary>Every case as stored (the full documents).</summary>
    public List<CaseRecord> AllCases() => Kit.AllCases();

    public async ValueTask DisposeAsync()
    {
        await Kit.DisposeAsync();
    }

    /// <summary>Stands in for the vault's source: two reports, one in the trace each.</summary>
    internal sealed class FixedCorruption : IReportSource<CorruptionFigures>
    {
        public Task<CorruptionFigures> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
        {
            trace.Add(ReportTrace.ProtectedKind, "p-1", 1);
            trace.Add(ReportTrace.ProtectedKind, "p-2", 2);
            return Task.FromResult(new CorruptionFigures(2, 1, 1, [.. period.Months.Select(m => new MonthCount(m.Year, m.Month, 0))], [], [], []));
        }
    }

    /// <summary>Stands in for the services source: one content-pack service, no complaints row of its own.</summary>
    internal sealed class FixedServices : IReportSource<ServiceFigures>
    {
        public Task<ServiceFigures> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
        {
            trace.Add(ReportTrace.ServiceKind, "walk-in-1", 7);
            var zeros = period.Months.Select(m => new MonthCount(m.Year, m.Month, 0)).ToArray();
            return Task.FromResult(new ServiceFigures(10, 20, [new ServiceRow("birth-registration", "การแจ้งเกิด", 10, 20, zeros, zeros)],
                new QaFigures(0, 0, 0, 0, 0, 0)));
        }
    }
}

/// <summary>Keeps what a source added to the trace.</summary>
internal sealed class RecordingTrace : IReportTrace
{
    public List<string> Ids { get; } = [];

    public List<(string Kind, string Id, long State)> Records { get; } = [];

    public void Add(string kind, string id, long state)
    {
        Ids.Add(id);
        Records.Add((kind, id, state));
    }
}
