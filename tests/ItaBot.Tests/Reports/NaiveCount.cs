using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The figures of a period counted the obvious way over full <see cref="CaseRecord"/>s (timeline, rating, times), with
/// nothing of the compiler's code: what the compiled figures must equal.
/// </summary>
internal static class NaiveCount
{
    // The open-data keys, spelled out here rather than derived the way the compiler derives them.
    private static readonly Dictionary<CaseStatus, string> StatusKeys = new()
    {
        [CaseStatus.Received] = "received", [CaseStatus.Assigned] = "assigned", [CaseStatus.InProgress] = "in-progress",
        [CaseStatus.Completed] = "completed", [CaseStatus.Referred] = "referred", [CaseStatus.Rejected] = "rejected",
    };

    private static readonly Dictionary<CaseChannel, string> ChannelKeys = new()
    {
        [CaseChannel.Line] = "line", [CaseChannel.Web] = "web", [CaseChannel.WalkIn] = "walk-in", [CaseChannel.Phone] = "phone", [CaseChannel.Letter] = "letter",
    };

    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    public static ComplaintFigures Complaints(IEnumerable<CaseRecord> all, ReportPeriod period, DateTime asOf, ContentPack pack)
    {
        var from = TimeZoneInfo.ConvertTimeToUtc(period.From.ToDateTime(TimeOnly.MinValue), Bangkok);
        var to = TimeZoneInfo.ConvertTimeToUtc(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), Bangkok);
        var cases = all.Where(c => c.CreatedAt >= from && c.CreatedAt < to && c.CreatedAt <= asOf).ToList();
        var status = cases.ToDictionary(c => c.Id, c => c.Timeline.Where(e => e.To is not null && e.At <= asOf).Last().To!.Value);
        bool Closed(CaseRecord c) => status[c.Id] is CaseStatus.Completed or CaseStatus.Referred or CaseStatus.Rejected;
        DateTime? Answered(CaseRecord c)
        {
            var times = c.Timeline.Where(e => e.Kind == CaseEventKind.AnswerToCitizen).Select(e => (DateTime?)e.At)
                .Append(c.ClosedAt).Where(t => t is not null).ToList();
            return times.Count == 0 ? null : times.Min();
        }

        var months = new List<(int Year, int Month)>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
        {
            months.Add((m.Year, m.Month));
        }

        (int, int) MonthOf(CaseRecord c)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(c.CreatedAt, Bangkok);
            return (local.Year, local.Month);
        }

        MonthCount[] Monthly(Func<CaseRecord, bool> which) =>
            [.. months.Select(m => new MonthCount(m.Year, m.Month, cases.Count(c => which(c) && MonthOf(c) == m)))];

        var categoryIds = pack.ComplaintCategories.Select(c => c.Id).ToList();
        categoryIds.AddRange(cases.Select(c => c.CategoryId).Distinct().Where(id => !categoryIds.Contains(id)).Order(StringComparer.Ordinal));
        var departments = pack.ComplaintCategories.Select(c => c.Department).Distinct().ToList();
        departments.AddRange(cases.Select(c => c.Department).Distinct().Where(id => !departments.Contains(id)).Order(StringComparer.Ordinal));

        var acknowledged = cases.Where(c => c.AcknowledgedAt <= asOf).ToList();
        var closed = cases.Where(c => c.ClosedAt <= asOf).ToList();
        var completed = cases.Where(c => status[c.Id] == CaseStatus.Completed).ToList();
        var rated = completed.Where(c => c.Rating is not null && c.Rating.At <= asOf).ToList();
        // A complaint is a request for its category's service, else for the general-complaint service.
        string ServiceOf(CaseRecord c) => pack.FindComplaintCategory(c.CategoryId)?.Service is { } s && pack.FindService(s) is not null ? s
            : pack.FindService("general-complaint") is not null ? "general-complaint" : "complaints";
        var serviceRows = cases.Where(c => c.Channel is CaseChannel.Line or CaseChannel.Web or CaseChannel.WalkIn).Select(ServiceOf).Distinct()
            .OrderBy(id => pack.Services.ToList().FindIndex(s => s.Id == id) is var i and >= 0 ? i : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal)
            .Select(id =>
            {
                var e = Monthly(c => ServiceOf(c) == id && c.Channel is CaseChannel.Line or CaseChannel.Web);
                var w = Monthly(c => ServiceOf(c) == id && c.Channel == CaseChannel.WalkIn);
                return new ServiceRow(id, pack.FindService(id)?.Name ?? "รับเรื่องร้องเรียนร้องทุกข์", e.Sum(m => m.Count), w.Sum(m => m.Count), e, w);
            }).ToList();
        return new ComplaintFigures(
            cases.Count,
            cases.Count(Closed),
            cases.Count(c => !Closed(c)),
            Monthly(_ => true),
            [.. categoryIds.Select(id => new CountRow(id, pack.FindComplaintCategory(id)?.Name ?? id, cases.Count(c => c.CategoryId == id)))],
            [.. departments.Select(id => new CountRow(id, pack.FindUnit(id)?.Name ?? id, cases.Count(c => c.Department == id)))],
            [.. Enum.GetValues<CaseStatus>().Select(s => new CountRow(StatusKeys[s], s == CaseStatus.Completed ? "แก้ไขเสร็จสิ้น" : s.Thai(), cases.Count(c => status[c.Id] == s)))],
            [.. Enum.GetValues<CaseChannel>().Select(ch => new CountRow(ChannelKeys[ch], ch.Thai(), cases.Count(c => c.Channel == ch)))],
            Durations(acknowledged.Select(c => c.AcknowledgedAt!.Value - c.CreatedAt)),
            Durations(closed.Select(c => c.ClosedAt!.Value - c.CreatedAt)),
            new DeadlineFigures(
                cases.Count(c => c.AcknowledgeBy <= asOf || c.AcknowledgedAt <= asOf),
                cases.Count(c => c.AcknowledgedAt <= asOf && c.AcknowledgedAt <= c.AcknowledgeBy),
                cases.Count(c => c.AnswerBy <= asOf || Answered(c) <= asOf),
                cases.Count(c => Answered(c) <= asOf && Answered(c) <= c.AnswerBy)),
            new RatingFigures(
                completed.Count,
                rated.Count,
                rated.Count == 0 ? null : Math.Round(rated.Average(c => c.Rating!.Score), 2, MidpointRounding.AwayFromZero),
                [.. Enumerable.Range(1, 5).Select(score => rated.Count(c => c.Rating!.Score == score))]))
        {
            ServiceRows = serviceRows,
        };
    }

    private static DurationFigures Durations(IEnumerable<TimeSpan> spans)
    {
        var ms = spans.Select(s => (long)s.TotalMilliseconds).Order().ToList();
        if (ms.Count == 0)
        {
            return new DurationFigures(0, null, null, null);
        }

        const double hour = 3_600_000.0;
        var n = ms.Count;
        var median = n % 2 == 1 ? ms[n / 2] / hour : (ms[(n / 2) - 1] + ms[n / 2]) / (2 * hour);
        var p90 = ms[(int)Math.Ceiling(n * 0.9) - 1] / hour;
        return new DurationFigures(n, Round(median), Round(p90), Round(ms.Average() / hour));
    }

    private static double Round(double hours) => Math.Round(hours, 2, MidpointRounding.AwayFromZero);
}
