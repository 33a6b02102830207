using ItaBot.Cases;
using ItaBot.Content;

namespace ItaBot.Reports;

/// <summary>
/// General-complaint figures of a period, from the case facts (Cases/CaseFacts.cs) in one streamed pass: the cases filed
/// in the period (Bangkok days) and at or before <c>asOf</c>, each in its state at <c>asOf</c>. The definitions of every
/// figure are in Reports/README.md; in short:
/// - Completed: status at asOf is closed (completed, referred or not accepted); InProgress: every other case.
/// - ToAcknowledge / ToClose: hours from filing to acknowledging / closing, over the cases that did so by asOf; median
///   (mean of the two middle values when even), 90th percentile by nearest rank, average; rounded to 0.01 hour.
/// - Deadlines: a deadline is due when it passed by asOf or was met already; met when done by asOf and on or before it.
/// - Ratings: eligible = cases completed (status "เสร็จสิ้น") at asOf; rated = those with a 1–5 rating given by asOf.
/// - Service rows: each complaint counts for its category's service (else general-complaint); E-Service = LINE + web;
///   walk-in = walk-in only (phone and letter are neither).
/// Each counted case goes into the trace as ("case", number-free case id, state), in filing order.
/// </summary>
internal sealed class ComplaintStatistics(ICaseStore cases, ContentPackProvider content) : IReportSource<ComplaintFigures>
{
    public const string ServiceId = "complaints";
    public const string ServiceName = "รับเรื่องร้องเรียนร้องทุกข์";

    /// <summary>The content pack's service that complaints of a category without a service of its own count under.</summary>
    public const string GeneralComplaintServiceId = "general-complaint";
    private const double MsPerHour = 3_600_000.0;

    public async Task<ComplaintFigures> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(trace);
        await cases.WhenFactsCompleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var pack = content.Current;
        return await Task.Run(() => Compile(pack, period, asOf, trace, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private ComplaintFigures Compile(ContentPack pack, ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
    {
        var tally = new Tally(period);
        var start = period.StartUtc;
        var end = asOf < period.EndUtc ? asOf.AddTicks(1) : period.EndUtc;
        if (end > start)
        {
            foreach (var fact in cases.ScanFacts(start, end, cancellationToken))
            {
                tally.Add(fact, asOf, trace);
            }
        }

        return tally.ToFigures(pack);
    }

    /// <summary>The state of a case at asOf as one number for the trace: the time of its last change by then, and its status.</summary>
    public static long TraceState(CaseFact f, DateTime asOf, CaseStatus status)
    {
        var last = f.CreatedAt;
        foreach (var s in f.Statuses)
        {
            if (s.At <= asOf && s.At > last)
            {
                last = s.At;
            }
        }

        foreach (var at in (ReadOnlySpan<DateTime?>)[f.AcknowledgedAt, f.AnsweredAt, f.RatedAt])
        {
            if (at is { } t && t <= asOf && t > last)
            {
                last = t;
            }
        }

        return (((last.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond) << 3) | (long)status;
    }

    /// <summary>Median, 90th percentile (nearest rank) and average of durations in milliseconds, as hours rounded to 0.01.</summary>
    public static DurationFigures Durations(List<long> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new DurationFigures(0, null, null, null);
        }

        milliseconds.Sort();
        var n = milliseconds.Count;
        var median = n % 2 == 1 ? milliseconds[n / 2] / MsPerHour : (milliseconds[(n / 2) - 1] + milliseconds[n / 2]) / (2 * MsPerHour);
        var p90 = milliseconds[(int)Math.Ceiling(0.9 * n) - 1] / MsPerHour;
        long sum = 0;
        foreach (var ms in milliseconds)
        {
            sum += ms;
        }

        return new DurationFigures(n, Round(median), Round(p90), Round(sum / (double)n / MsPerHour));
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Everything counted in the pass; nothing per case is kept but two lists of durations.</summary>
    private sealed class Tally(ReportPeriod period)
    {
        private static readonly CaseStatus[] Statuses = Enum.GetValues<CaseStatus>();
        private static readonly CaseChannel[] Channels = Enum.GetValues<CaseChannel>();

        private readonly IReadOnlyList<(int Year, int Month)> _months = period.Months;

        /// <summary>The first instant (UTC) after each month of the period, Bangkok time.</summary>
        private readonly DateTime[] _monthEnds = [.. period.Months.Select(m => TimeZoneInfo.ConvertTimeToUtc(
            new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1), WorkingCalendar.Bangkok))];

        private int _month;
        private readonly int[] _byMonth = new int[period.Months.Count];
        /// <summary>Per category: E-Service and walk-in complaints by month (mapped to the category's service at the end).</summary>
        private readonly Dictionary<string, (int[] EService, int[] WalkIn)> _channelsByCategory = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byCategory = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byDepartment = new(StringComparer.Ordinal);
        private readonly int[] _byStatus = new int[Statuses.Length];
        private readonly int[] _byChannel = new int[Channels.Length];
        private readonly List<long> _toAcknowledge = [];
        private readonly List<long> _toClose = [];
        private readonly int[] _scores = new int[5];
        private int _total;
        private int _closed;
        private int _acknowledgeDue;
        private int _acknowledgeMet;
        private int _answerDue;
        private int _answerMet;
        private int _eligible;

        public void Add(CaseFact f, DateTime asOf, IReportTrace trace)
        {
            var status = f.StatusAt(asOf) ?? CaseStatus.Received;
            trace.Add(ReportTrace.CaseKind, f.CaseId, TraceState(f, asOf, status));
            _total++;
            // Facts come in filing order: the month only ever moves forward.
            while (_month < _monthEnds.Length - 1 && f.CreatedAt >= _monthEnds[_month])
            {
                _month++;
            }

            var month = _month;
            _byMonth[month]++;
            _byCategory[f.CategoryId] = _byCategory.GetValueOrDefault(f.CategoryId) + 1;
            _byDepartment[f.Department] = _byDepartment.GetValueOrDefault(f.Department) + 1;
            _byStatus[(int)status]++;
            _byChannel[(int)f.Channel]++;
            if (f.Channel is CaseChannel.Line or CaseChannel.Web or CaseChannel.WalkIn)
            {
                if (!_channelsByCategory.TryGetValue(f.CategoryId, out var series))
                {
                    series = (new int[_months.Count], new int[_months.Count]);
                    _channelsByCategory[f.CategoryId] = series;
                }

                (f.Channel == CaseChannel.WalkIn ? series.WalkIn : series.EService)[month]++;
            }

            if (status.IsClosed())
            {
                _closed++;
            }

            var acknowledged = f.AcknowledgedAt is { } a && a <= asOf ? a : (DateTime?)null;
            if (acknowledged is { } ack)
            {
                _toAcknowledge.Add(Milliseconds(ack - f.CreatedAt));
            }

            if (f.ClosedAt is { } closed && closed <= asOf)
            {
                _toClose.Add(Milliseconds(closed - f.CreatedAt));
            }

            if (f.AcknowledgeBy <= asOf || acknowledged is not null)
            {
                _acknowledgeDue++;
                _acknowledgeMet += acknowledged <= f.AcknowledgeBy ? 1 : 0;
            }

            var answered = f.AnsweredAt is { } b && b <= asOf ? b : (DateTime?)null;
            if (f.AnswerBy <= asOf || answered is not null)
            {
                _answerDue++;
                _answerMet += answered <= f.AnswerBy ? 1 : 0;
            }

            if (status == CaseStatus.Completed)
            {
                _eligible++;
                if (f.RatingScore is { } score and >= 1 and <= 5 && f.RatedAt <= asOf)
                {
                    _scores[score - 1]++;
                }
            }
        }

        public ComplaintFigures ToFigures(ContentPack pack)
        {
            var rated = _scores.Sum();
            var scoreSum = _scores.Select((count, i) => count * (i + 1)).Sum();
            var categoryOrder = pack.ComplaintCategories.Select(c => c.Id).ToList();
            var departmentOrder = pack.ComplaintCategories.Select(c => c.Department).Distinct(StringComparer.Ordinal).ToList();
            return new ComplaintFigures(
                _total,
                _closed,
                _total - _closed,
                Monthly(_byMonth),
                Rows(categoryOrder, _byCategory, id => pack.FindComplaintCategory(id)?.Name ?? id),
                Rows(departmentOrder, _byDepartment, id => pack.FindUnit(id)?.Name ?? id),
                [.. Statuses.Select(s => new CountRow(CorruptionSource.Key(s), ReportDefinitions.StatusLabel(s), _byStatus[(int)s]))],
                [.. Channels.Select(c => new CountRow(CorruptionSource.Key(c), c.Thai(), _byChannel[(int)c]))],
                Durations(_toAcknowledge),
                Durations(_toClose),
                new DeadlineFigures(_acknowledgeDue, _acknowledgeMet, _answerDue, _answerMet),
                new RatingFigures(_eligible, rated, rated == 0 ? null : Round(scoreSum / (double)rated), [.. _scores]))
            {
                ServiceRows = ServiceRows(pack),
            };
        }

        /// <summary>
        /// Complaints as requests for the service they are about: the category's service in the content pack, else the
        /// pack's general-complaint service, else ItaBot's own "complaints" row. Rows in the pack's service order.
        /// </summary>
        private List<ServiceRow> ServiceRows(ContentPack pack)
        {
            (string Id, string Name) general = pack.FindService(GeneralComplaintServiceId) is { } g ? (g.Id, g.Name) : (ServiceId, ServiceName);
            var rows = new Dictionary<string, (string Name, int[] EService, int[] WalkIn)>(StringComparer.Ordinal);
            foreach (var (categoryId, series) in _channelsByCategory)
            {
                (string Id, string Name) service = pack.FindComplaintCategory(categoryId)?.Service is { } id && pack.FindService(id) is { } s ? (s.Id, s.Name) : general;
                if (!rows.TryGetValue(service.Id, out var row))
                {
                    row = (service.Name, new int[_months.Count], new int[_months.Count]);
                    rows[service.Id] = row;
                }

                for (var i = 0; i < _months.Count; i++)
                {
                    row.EService[i] += series.EService[i];
                    row.WalkIn[i] += series.WalkIn[i];
                }
            }

            var order = pack.Services.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            return [.. rows.OrderBy(r => order.GetValueOrDefault(r.Key, int.MaxValue)).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new ServiceRow(r.Key, r.Value.Name, r.Value.EService.Sum(), r.Value.WalkIn.Sum(), Monthly(r.Value.EService), Monthly(r.Value.WalkIn)))];
        }

        private MonthCount[] Monthly(int[] counts) => [.. _months.Select((m, i) => new MonthCount(m.Year, m.Month, counts[i]))];

        /// <summary>The content pack's entries in its order (zeros included), then ids found in the cases but not in the pack, by id.</summary>
        private static CountRow[] Rows(List<string> known, Dictionary<string, int> counts, Func<string, string> label) =>
        [
            .. known.Select(id => new CountRow(id, label(id), counts.GetValueOrDefault(id))),
            .. counts.Keys.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => new CountRow(id, label(id), counts[id])),
        ];

        private static long Milliseconds(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMillisecond;
    }
}
