using ItaBot.Vault;

namespace ItaBot.Reports;

/// <summary>
/// Measure 8.3 from the vault's aggregate facade (never content): protected reports filed in the period, each in its
/// status as of <c>asOf</c>. Every channel, status and outcome has a row even at 0; every month of the period has a count.
/// Each counted report goes into the trace as ("protected", its random id, <see cref="State"/>).
/// </summary>
internal sealed class CorruptionSource(ProtectedReportCounts counts) : IReportSource<CorruptionFigures>
{
    public static readonly ReportChannel[] Channels = [ReportChannel.Line, ReportChannel.Web, ReportChannel.WalkIn, ReportChannel.Letter, ReportChannel.Phone];

    public async Task<CorruptionFigures> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
    {
        var reports = await counts.CountAsync(period, asOf).ConfigureAwait(false);
        foreach (var report in reports)
        {
            trace.Add("protected", report.ReportId, State(report));
        }

        var byMonth = reports.GroupBy(r => ProtectedReportCounts.MonthOf(r.CreatedAt)).ToDictionary(g => g.Key, g => g.Count());
        return new CorruptionFigures(
            reports.Count,
            reports.Count(r => r.Status.IsClosed()),
            reports.Count(r => !r.Status.IsClosed()),
            [.. period.Months.Select(m => new MonthCount(m.Year, m.Month, byMonth.GetValueOrDefault(m)))],
            [.. Channels.Select(c => new CountRow(Key(c), c.Thai(), reports.Count(r => r.Channel == c)))],
            [.. Enum.GetValues<ReportStatus>().Select(s => new CountRow(Key(s), ReportDefinitions.StatusLabel(s), reports.Count(r => r.Status == s)))],
            [.. Enum.GetValues<ReportOutcome>().Select(o => new CountRow(Key(o), o.Thai(), reports.Count(r => r.Outcome == o)))]);
    }

    /// <summary>A report's state in the trace, one digit each: status·100 + (outcome+1, 0 for none)·10 + channel.</summary>
    public static long State(CountedReport report) =>
        ((int)report.Status * 100) + ((report.Outcome is { } outcome ? (int)outcome + 1 : 0) * 10) + (int)report.Channel;

    /// <summary>Stable keys for CSV and JSON: "line", "walk-in", "in-progress", "not-substantiated"…</summary>
    public static string Key<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var key = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                key.Append('-');
            }

            key.Append(char.ToLowerInvariant(name[i]));
        }

        return key.ToString();
    }
}
