using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.Vault;

namespace ItaBot.Reports;

/// <summary>
/// Measure 3.3 (E-Service against walk-in, per service and month) and measure 4.6 (questions in LINE), as of <c>asOf</c>.
/// <list type="bullet">
/// <item>A question is one thread of the Q&amp;A log (its first line and the lines that follow it: the choice after an
/// offer, the handover after "cannot answer"), counted in the period and month of its first line; its outcome is its
/// latest line at <c>asOf</c>. A question still "Offered" (the citizen neither chose nor said none) counts in
/// <see cref="QaFigures.Questions"/> and in none of the outcomes.</item>
/// <item>E-Service of a service of the content pack: questions answered (directly or after choosing) with that service's
/// entry ("service:id") or a FAQ entry whose service it is. Row "questions" (ตอบคำถามและให้ข้อมูล): every other
/// question. Protected reports filed by LINE or the web form: the pack's "corruption-complaint" service, or where the
/// pack has none, row "integrity-reports" (แจ้งเบาะแสการทุจริต). So every
/// question counts in exactly one row and the rows add up to <see cref="ServiceFigures.EServiceTotal"/>.</item>
/// <item>Walk-in: the walk-in register's lines of the period's days as they stood at <c>asOf</c> (a correction recorded
/// by then replaces its line); for "integrity-reports", protected reports filed in person.</item>
/// <item>Answered by staff: handovers created in the period and answered by <c>asOf</c>.</item>
/// </list>
/// Trace: ("question", thread id, final outcome) and ("service", register line id, people).
/// The "complaints" row is the compiler's (from case facts).
/// </summary>
internal sealed class ServicesSource(IQaStore qa, IServiceVisitStore register, ContentPackProvider content, ProtectedReportCounts protectedReports) : IReportSource<ServiceFigures>
{
    public const string QuestionsId = "questions";
    public const string QuestionsName = "ตอบคำถามและให้ข้อมูล";
    public const string IntegrityReportsId = "integrity-reports";
    public const string IntegrityReportsName = "แจ้งเบาะแสการทุจริต";

    /// <summary>The content pack's service that protected reports count under when the pack has it.</summary>
    public const string CorruptionServiceId = "corruption-complaint";

    public async Task<ServiceFigures> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken)
    {
        var pack = content.Current;
        var months = period.Months;
        var questions = Questions(period, asOf);
        var handovers = AnsweredByStaff(period, asOf);
        var reports = await protectedReports.CountAsync(period, asOf).ConfigureAwait(false);
        var visits = ServiceVisits.Effective(register.Between(period.From, period.To), asOf)
            .OrderBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        cancellationToken.ThrowIfCancellationRequested();

        foreach (var question in questions.OrderBy(q => q.Id, StringComparer.Ordinal))
        {
            trace.Add("question", question.Id, (long)question.Outcome);
        }

        foreach (var visit in visits)
        {
            trace.Add("service", visit.Id, visit.People);
        }

        var faqService = pack.Faq.Where(f => f.ServiceId is not null).ToDictionary(f => QaCatalog.FaqPrefix + f.Id, f => f.ServiceId!, StringComparer.Ordinal);
        var serviceIds = pack.Services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        string ServiceOf(Question q)
        {
            if (q.Outcome is QaOutcome.Answered or QaOutcome.AnsweredAfterChoice && q.MatchedId is { } matched)
            {
                var service = matched.StartsWith(QaCatalog.ServicePrefix, StringComparison.Ordinal) ? matched[QaCatalog.ServicePrefix.Length..]
                    : faqService.GetValueOrDefault(matched);
                if (service is not null && serviceIds.Contains(service))
                {
                    return service;
                }
            }

            return QuestionsId;
        }

        var eService = new Dictionary<(string Service, (int, int) Month), int>();
        void AddEService(string service, (int, int) month)
        {
            eService[(service, month)] = eService.GetValueOrDefault((service, month)) + 1;
        }

        foreach (var question in questions)
        {
            AddEService(ServiceOf(question), MonthOf(question.At));
        }

        var integrityId = pack.FindService(CorruptionServiceId) is null ? IntegrityReportsId : CorruptionServiceId;
        var walkIn = visits.GroupBy(v => (v.ServiceId, Month: (v.Day.Year, v.Day.Month))).ToDictionary(g => g.Key, g => g.Sum(v => v.People));
        foreach (var report in reports)
        {
            var month = ProtectedReportCounts.MonthOf(report.CreatedAt);
            if (report.Channel is ReportChannel.Line or ReportChannel.Web)
            {
                AddEService(integrityId, month);
            }
            else if (report.Channel == ReportChannel.WalkIn)
            {
                walkIn[(integrityId, month)] = walkIn.GetValueOrDefault((integrityId, month)) + 1;
            }
        }

        // Every service of the pack (a manual lists them all), then อื่น ๆ and services no longer in the pack that the
        // register names, then ItaBot's own: corruption reports and questions.
        var rows = new List<(string Id, string Name)>(pack.Services.Select(s => (s.Id, s.Name)));
        foreach (var visit in visits.Where(v => !serviceIds.Contains(v.ServiceId)).DistinctBy(v => v.ServiceId).OrderBy(v => v.ServiceId == ServiceVisits.OtherServiceId ? 0 : 1).ThenBy(v => v.ServiceId, StringComparer.Ordinal))
        {
            rows.Add((visit.ServiceId, visit.ServiceName));
        }

        if (integrityId == IntegrityReportsId)
        {
            rows.Add((IntegrityReportsId, IntegrityReportsName));
        }

        rows.Add((QuestionsId, QuestionsName));
        var services = rows.Select(r =>
        {
            var eByMonth = months.Select(m => new MonthCount(m.Year, m.Month, eService.GetValueOrDefault((r.Id, m)))).ToList();
            var wByMonth = months.Select(m => new MonthCount(m.Year, m.Month, walkIn.GetValueOrDefault((r.Id, m)))).ToList();
            return new ServiceRow(r.Id, r.Name, eByMonth.Sum(m => m.Count), wByMonth.Sum(m => m.Count), eByMonth, wByMonth);
        }).ToList();

        var qa = new QaFigures(
            questions.Count,
            questions.Count(q => q.Outcome == QaOutcome.Answered),
            questions.Count(q => q.Outcome == QaOutcome.AnsweredAfterChoice),
            questions.Count(q => q.Outcome == QaOutcome.HandedOver),
            handovers,
            questions.Count(q => q.Outcome == QaOutcome.Unanswered));
        return new ServiceFigures(services.Sum(s => s.EService), services.Sum(s => s.WalkIn), services, qa);
    }

    /// <summary>One question: its thread id, when it was asked, and its latest line at asOf.</summary>
    private sealed record Question(string Id, DateTime At, QaOutcome Outcome, string? MatchedId);

    /// <summary>
    /// Questions first asked in the period (and by asOf), each with its latest line by asOf. Lines are read from the
    /// period's start to asOf, so a choice made after the period ends still settles a question asked in it; a line whose
    /// question began before the period is not counted.
    /// </summary>
    private List<Question> Questions(ReportPeriod period, DateTime asOf)
    {
        var start = period.StartUtc;
        var end = period.EndUtc;
        if (asOf < start)
        {
            return [];
        }

        // Lines from the start through asOf (an instant's ticks below a millisecond are never stored).
        var lines = qa.ListLog(start, asOf == DateTime.MaxValue ? asOf : asOf.AddTicks(1));
        var openings = lines.Where(l => l.Thread is null && l.At < end).ToDictionary(l => l.Id, l => l.At, StringComparer.Ordinal);
        return [.. lines
            .GroupBy(l => l.Thread ?? l.Id, StringComparer.Ordinal)
            .Where(g => openings.ContainsKey(g.Key))
            .Select(g =>
            {
                var last = g.OrderBy(l => l.At).ThenBy(l => l.Thread is null ? 0 : 1).ThenBy(l => l.Id, StringComparer.Ordinal).Last();
                return new Question(g.Key, openings[g.Key], last.Outcome, last.MatchedId);
            })];
    }

    private int AnsweredByStaff(ReportPeriod period, DateTime asOf)
    {
        var to = asOf < period.EndUtc ? asOf : period.EndUtc.AddMilliseconds(-1);
        return to < period.StartUtc ? 0 : qa.CountAnsweredHandovers(period.StartUtc, to, asOf);
    }

    private static (int Year, int Month) MonthOf(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, WorkingCalendar.Bangkok);
        return (local.Year, local.Month);
    }
}
