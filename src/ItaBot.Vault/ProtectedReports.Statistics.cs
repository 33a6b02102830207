using System.Globalization;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault;

/// <summary>The ITA statistics as of an instant (issue 6): plain fields and the plain status history only.</summary>
public sealed partial class ProtectedReports
{
    /// <summary>
    /// Counts reports filed in [<paramref name="from"/>, <paramref name="to"/>) that existed at <paramref name="asOf"/>,
    /// each in its state AS OF <paramref name="asOf"/>: the status is the last change of the report's (plain) status
    /// history at or before <paramref name="asOf"/>, the outcome is known once that status is a closed one. A status
    /// change after <paramref name="asOf"/> does not count, so a recompile as of the same instant gives the same figures.
    /// Reads plain fields only (no key is touched, nothing is decrypted); deleted reports (stubs) still count. Audited as
    /// "statistics". <see cref="VaultStatistics.Reports"/> lists every counted report by its random id, ordered by id.
    /// </summary>
    public async Task<VaultStatistics> StatisticsAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var start = Stored(from);
        var end = Stored(to);
        var cut = Stored(asOf);
        if (cut < end)
        {
            end = cut.AddTicks(TimeSpan.TicksPerMillisecond);   // filed at or before asOf (stored instants keep milliseconds)
        }

        // Plain fields only: no ciphertext is read, no key is unwrapped.
        var rows = start >= end ? [] : _store.Read(storage => storage.ListPlainFiled(start, end.AddMilliseconds(-1)))
            .Select(d => AsOf(d, cut))
            .ToList();
        rows.Sort((a, b) => string.CompareOrdinal(a.ReportId, b.ReportId));
        var statistics = new VaultStatistics(
            from,
            to,
            rows.Count,
            rows.Count(r => !r.Status.IsClosed()),
            rows.Count(r => r.Status.IsClosed()),
            rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()),
            rows.GroupBy(r => TimeZoneInfo.ConvertTime(r.CreatedAt, Bangkok).ToString("yyyy-MM", CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            rows.GroupBy(r => r.Channel).ToDictionary(g => g.Key, g => g.Count()),
            rows.Where(r => r.Outcome is not null).GroupBy(r => r.Outcome!.Value).ToDictionary(g => g.Key, g => g.Count()))
        {
            AsOf = asOf,
            Reports = rows,
        };
        await AuditAsync(actor, "statistics", null, string.Create(CultureInfo.InvariantCulture, $"{from:O} .. {to:O} as of {asOf:O}: {rows.Count}")).ConfigureAwait(false);
        return statistics;
    }

    /// <summary>A report's plain fields as they stood at <paramref name="asOf"/>: closed stays closed, so the outcome is the final one.</summary>
    private static CountedReport AsOf(PlainReport d, DateTime asOf)
    {
        var statusThen = ReportStatus.Received;
        var changesThen = 0;
        // The history is written in order by the one writer (ChangeStatusAsync): its plain At and To are the status then.
        foreach (var (at, to) in d.History)
        {
            if (at <= asOf)
            {
                statusThen = to;
                changesThen++;
            }
        }

        ReportOutcome? outcomeThen = statusThen switch
        {
            ReportStatus.Completed => d.Outcome,
            ReportStatus.Referred => ReportOutcome.Referred,
            ReportStatus.Rejected => ReportOutcome.NotAccepted,
            _ => null,
        };
        return new CountedReport(d.Id, Shown(d.CreatedAt), d.Channel, statusThen, outcomeThen, changesThen);
    }
}
